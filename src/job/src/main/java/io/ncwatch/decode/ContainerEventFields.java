package io.ncwatch.decode;

import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.record.ContainerEvent;
import java.util.List;

/**
 * The fields the per-container stages read (context and correlation), registered in the rules' slot
 * table so that one decoding serves both, and their typed copy into a {@link ContainerEvent}. A field
 * of the wrong type (an object-free value that is not what ECS says, or several values where ECS has
 * one) makes the event unusable: {@link WrongTypeException}.
 */
public final class ContainerEventFields {
    private final int containerId;
    private final int eventId;
    private final int eventAction;
    private final int eventType;
    private final int eventCategory;
    private final int processEntityId;
    private final int processPid;
    private final int processName;
    private final int processExecutable;
    private final int processArgs;
    private final int processStart;
    private final int parentEntityId;
    private final int parentPid;
    private final int parentName;
    private final int parentArgs;
    private final int userId;
    private final int sessionLeaderEntityId;
    private final int sessionLeaderPid;
    private final int sessionLeaderName;
    private final int entryLeaderEntityId;
    private final int entryLeaderPid;
    private final int entryLeaderName;
    private final int sourceIp;
    private final int sourcePort;
    private final int destinationPort;

    public ContainerEventFields(FieldSlots slots) {
        containerId = slots.slotOf("container.id");
        eventId = slots.slotOf("event.id");
        eventAction = slots.slotOf("event.action");
        eventType = slots.slotOf("event.type");
        eventCategory = slots.slotOf("event.category");
        processEntityId = slots.slotOf("process.entity_id");
        processPid = slots.slotOf("process.pid");
        processName = slots.slotOf("process.name");
        processExecutable = slots.slotOf("process.executable");
        processArgs = slots.slotOf("process.args");
        processStart = slots.slotOf("process.start");
        parentEntityId = slots.slotOf("process.parent.entity_id");
        parentPid = slots.slotOf("process.parent.pid");
        parentName = slots.slotOf("process.parent.name");
        parentArgs = slots.slotOf("process.parent.args");
        userId = slots.slotOf("process.user.id");
        sessionLeaderEntityId = slots.slotOf("process.session_leader.entity_id");
        sessionLeaderPid = slots.slotOf("process.session_leader.pid");
        sessionLeaderName = slots.slotOf("process.session_leader.name");
        entryLeaderEntityId = slots.slotOf("process.entry_leader.entity_id");
        entryLeaderPid = slots.slotOf("process.entry_leader.pid");
        entryLeaderName = slots.slotOf("process.entry_leader.name");
        sourceIp = slots.slotOf("source.ip");
        sourcePort = slots.slotOf("source.port");
        destinationPort = slots.slotOf("destination.port");
    }

    /** Copies the fields of {@code event} into {@code into} (not its rule matches or coordinates). */
    public void copy(DecodedEvent event, ContainerEvent into) throws WrongTypeException {
        into.timestamp = event.timestampMillis();
        into.containerId = text(event, containerId, "container.id");
        into.eventId = text(event, eventId, "event.id");
        into.eventAction = text(event, eventAction, "event.action");
        into.eventType = texts(event, eventType);
        into.eventCategory = texts(event, eventCategory);
        into.processEntityId = text(event, processEntityId, "process.entity_id");
        into.processPid = number(event, processPid, "process.pid");
        into.processName = text(event, processName, "process.name");
        into.processExecutable = text(event, processExecutable, "process.executable");
        into.processArgs = texts(event, processArgs);
        into.processStart = text(event, processStart, "process.start");
        into.parentEntityId = text(event, parentEntityId, "process.parent.entity_id");
        into.parentPid = number(event, parentPid, "process.parent.pid");
        into.parentName = text(event, parentName, "process.parent.name");
        into.parentArgs = texts(event, parentArgs);
        into.userId = text(event, userId, "process.user.id");
        into.sessionLeaderEntityId = text(event, sessionLeaderEntityId, "process.session_leader.entity_id");
        into.sessionLeaderPid = number(event, sessionLeaderPid, "process.session_leader.pid");
        into.sessionLeaderName = text(event, sessionLeaderName, "process.session_leader.name");
        into.entryLeaderEntityId = text(event, entryLeaderEntityId, "process.entry_leader.entity_id");
        into.entryLeaderPid = number(event, entryLeaderPid, "process.entry_leader.pid");
        into.entryLeaderName = text(event, entryLeaderName, "process.entry_leader.name");
        into.sourceIp = text(event, sourceIp, "source.ip");
        into.sourcePort = number(event, sourcePort, "source.port");
        into.destinationPort = number(event, destinationPort, "destination.port");
    }

    /** One keyword value; numbers and booleans as Elasticsearch indexes them into a keyword field. */
    private static String text(DecodedEvent event, int slot, String path) throws WrongTypeException {
        Object value = single(event, slot, path);
        return value == null ? null : value.toString();
    }

    private static Long number(DecodedEvent event, int slot, String path) throws WrongTypeException {
        Object value = single(event, slot, path);
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new WrongTypeException(path + " is " + describe(value) + ", expected a whole number");
    }

    private static Object single(DecodedEvent event, int slot, String path) throws WrongTypeException {
        Object value = event.value(slot);
        if (value instanceof List<?> list) {
            if (list.size() > 1) {
                throw new WrongTypeException(path + " has " + list.size() + " values, expected one");
            }
            return list.get(0);
        }
        return value;
    }

    private static String[] texts(DecodedEvent event, int slot) {
        Object value = event.value(slot);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            String[] texts = new String[list.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = list.get(i).toString();
            }
            return texts;
        }
        return new String[] {value.toString()};
    }

    private static String describe(Object value) {
        String text = value.toString();
        return (value instanceof String ? "the text \"" : "") + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                + (value instanceof String ? "\"" : "");
    }

    /** A field's value does not have the type ECS gives it. */
    public static final class WrongTypeException extends Exception {
        WrongTypeException(String message) {
            super(message, null, false, false);
        }
    }
}
