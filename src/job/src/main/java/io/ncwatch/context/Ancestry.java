package io.ncwatch.context;

import io.ncwatch.record.Ancestor;
import io.ncwatch.record.ContainerEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's ancestry: its own {@code process.parent} first, then the parent's ancestors from the
 * container's process table, up to {@link #MAX_DEPTH} (an event without {@code process.parent}, such as
 * a network event, starts from its process's entry in the table). Where the table does not know the next ancestor
 * the chain ends with an {@link Ancestor#UNKNOWN} entry; it also ends, without one, at a process the
 * table knows has no parent and at the event's entry leader (the container's way in, which alerts show
 * beside the chain: it is in the chain only when the table knows it).
 */
public final class Ancestry {
    public static final int MAX_DEPTH = 8;

    /** The table of the event's container. */
    @FunctionalInterface
    public interface Lookup {
        /** The process with this entity id, or null when the table does not know it. */
        ProcessInfo get(String entityId) throws Exception;
    }

    private Ancestry() {}

    public static Ancestor[] of(ContainerEvent event, Lookup table) throws Exception {
        List<Ancestor> chain = new ArrayList<>(4);
        String current;
        if (event.parentEntityId != null || event.parentPid != null || event.parentName != null) {
            chain.add(new Ancestor(Ancestor.FROM_EVENT, event.parentEntityId, event.parentPid, event.parentName,
                    ProcessInfo.cap(event.parentArgs)));
            if (event.parentEntityId == null) {
                chain.add(unknown(null));
                return chain.toArray(new Ancestor[0]);
            }
            current = event.parentEntityId;
        } else if (event.processEntityId != null && table.get(event.processEntityId) != null) {
            // A network event names its process but not the parent: the table knows the rest.
            current = event.processEntityId;
        } else {
            return new Ancestor[0];
        }
        while (chain.size() < MAX_DEPTH && !current.equals(event.entryLeaderEntityId)) {
            ProcessInfo info = table.get(current);
            if (info == null) {
                chain.add(unknown(null));
                break;
            }
            String parent = info.parentEntityId;
            if (parent == null || parent.equals(current)) {
                break;
            }
            ProcessInfo parentInfo = table.get(parent);
            if (parentInfo == null) {
                if (!parent.equals(event.entryLeaderEntityId)) {
                    chain.add(unknown(parent));
                }
                break;
            }
            chain.add(new Ancestor(Ancestor.FROM_TABLE, parent, parentInfo.pid, parentInfo.name, parentInfo.args));
            current = parent;
        }
        return chain.toArray(new Ancestor[0]);
    }

    private static Ancestor unknown(String entityId) {
        return new Ancestor(Ancestor.UNKNOWN, entityId, null, null, null);
    }
}
