package io.ncwatch.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.Ancestor;
import io.ncwatch.record.ContainerEvent;

/**
 * {@code ncwatch.ancestry} of an alert: {@code chain}, the source event's ancestors parent first, each
 * with {@code origin} (event, table, or unknown: the table did not know it and nothing is guessed); and
 * the {@code session_leader} and {@code entry_leader} the event itself names.
 */
final class AncestryFields {
    private AncestryFields() {}

    static void put(ObjectNode node, ContainerEvent event) {
        ArrayNode chain = node.putArray("chain");
        if (event.ancestry != null) {
            for (Ancestor ancestor : event.ancestry) {
                ObjectNode entry = chain.addObject();
                entry.put("origin", ancestor.origin);
                if (ancestor.entityId != null) {
                    entry.put("entity_id", ancestor.entityId);
                }
                if (ancestor.known()) {
                    AlertDocument.putNumber(entry, "pid", ancestor.pid);
                    entry.put("name", ancestor.name);
                    AlertDocument.putStrings(entry, "args", ancestor.args);
                }
            }
        }
        putLeader(node, "session_leader", event.sessionLeaderEntityId, event.sessionLeaderPid, event.sessionLeaderName);
        putLeader(node, "entry_leader", event.entryLeaderEntityId, event.entryLeaderPid, event.entryLeaderName);
    }

    private static void putLeader(ObjectNode node, String name, String entityId, Long pid, String processName) {
        if (entityId == null && pid == null && processName == null) {
            return;
        }
        ObjectNode leader = node.putObject(name);
        leader.put("entity_id", entityId);
        AlertDocument.putNumber(leader, "pid", pid);
        leader.put("name", processName);
    }
}
