package io.ncwatch.correlate;

import io.ncwatch.record.Ancestor;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.EventTypes;
import io.ncwatch.record.Stage;

/**
 * What may follow a netcat listener in its container, and whether an event does:
 * <ul>
 *   <li>{@code connection}: an accepted inbound connection (ECS network event, {@code event.action}
 *       connection_accepted, {@code event.type} start) of the listener: the same {@code process.entity_id};
 *       when either side lacks one, the same pid; when either lacks that too, the listener's port as the
 *       connection's local port ({@code destination.port}).
 *   <li>{@code shell}: the first shell the listener serves: a shell's process start whose ancestry
 *       (parent first) reaches the listener (entity id, else pid) with no shell on the way, the listener's
 *       own current image included, and no other netcat (a wrapper such as {@code timeout 60 nc -l -p 4444}
 *       is a listener too: the shell belongs to the nearer one); or the listener's own process exec'ing a shell (traditional netcat's
 *       {@code -e} replaces itself by the program). Shells started inside that shell are not new follow-ups.
 * </ul>
 */
public final class FollowUp {
    private FollowUp() {}

    /** Whether an event can be a follow-up of some listener: the context stage holds these back for the correlation. */
    public static boolean isCandidate(ContainerEvent event) {
        return isConnection(event) || isShellStart(event);
    }

    /** {@link Stage#CONNECTION}, {@link Stage#SHELL}, or null when {@code event} does not follow {@code listener}. */
    public static Stage stageOf(ContainerEvent listener, ContainerEvent event) {
        if (isConnection(event) && isConnectionOf(listener, event)) {
            return Stage.CONNECTION;
        }
        if (isShellStart(event) && isShellOf(listener, event)) {
            return Stage.SHELL;
        }
        return null;
    }

    static boolean isConnection(ContainerEvent event) {
        return EventTypes.isNetwork(event) && "connection_accepted".equals(event.eventAction)
                && EventTypes.contains(event.eventType, "start");
    }

    static boolean isShellStart(ContainerEvent event) {
        return EventTypes.isProcessStart(event) && Shells.isShell(event.processName, event.processArgs);
    }

    private static boolean isConnectionOf(ContainerEvent listener, ContainerEvent connection) {
        if (listener.processEntityId != null && connection.processEntityId != null) {
            return listener.processEntityId.equals(connection.processEntityId);
        }
        if (listener.processPid != null && connection.processPid != null) {
            return listener.processPid.equals(connection.processPid);
        }
        Integer port = ListenerPort.parse(listener.processArgs);
        return port != null && connection.destinationPort != null && port.longValue() == connection.destinationPort;
    }

    private static boolean isShellOf(ContainerEvent listener, ContainerEvent shell) {
        if (sameProcess(listener.processEntityId, listener.processPid, shell.processEntityId, shell.processPid)) {
            return "exec".equals(shell.eventAction);
        }
        if (shell.ancestry == null) {
            return false;
        }
        for (Ancestor ancestor : shell.ancestry) {
            if (sameProcess(listener.processEntityId, listener.processPid, ancestor.entityId, ancestor.pid)) {
                return !Shells.isShell(ancestor.name, ancestor.args);
            }
            if (!ancestor.known() || Shells.isShell(ancestor.name, ancestor.args)
                    || ListenerPort.isNetcat(ancestor.name, ancestor.args)) {
                return false;
            }
        }
        return false;
    }

    /** The same process: by entity id when both have one, else by pid when both have one. */
    private static boolean sameProcess(String entityId, Long pid, String otherEntityId, Long otherPid) {
        if (entityId != null && otherEntityId != null) {
            return entityId.equals(otherEntityId);
        }
        return pid != null && pid.equals(otherPid);
    }
}
