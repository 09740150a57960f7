package io.ncwatch.correlate;

import static io.ncwatch.record.TestContainerEvents.accepted;
import static io.ncwatch.record.TestContainerEvents.exec;
import static io.ncwatch.record.TestContainerEvents.listener;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.record.Ancestor;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Stage;
import org.junit.jupiter.api.Test;

class FollowUpTest {
    private static final ContainerEvent NC = listener("c", 0, 20, 10, "nc", "-lvnp", "4444");

    private static Ancestor known(long pid, String name) {
        return new Ancestor(Ancestor.FROM_TABLE, "ent-" + pid, pid, name, new String[] {name});
    }

    @Test
    void aConnectionBelongsByEntityIdElsePidElsePort() {
        assertThat(FollowUp.stageOf(NC, accepted("c", 1, 20, "203.0.113.45", 1, 9999))).isEqualTo(Stage.CONNECTION);
        assertThat(FollowUp.stageOf(NC, accepted("c", 1, 21, "203.0.113.45", 1, 4444)))
                .as("another process, though on the listener's port").isNull();
        ContainerEvent byPid = accepted("c", 1, 20, "203.0.113.45", 1, 9999);
        byPid.processEntityId = null;
        assertThat(FollowUp.stageOf(NC, byPid)).isEqualTo(Stage.CONNECTION);
        ContainerEvent byPort = accepted("c", 1, 0, "203.0.113.45", 1, 4444);
        byPort.processEntityId = null;
        byPort.processPid = null;
        assertThat(FollowUp.stageOf(NC, byPort)).isEqualTo(Stage.CONNECTION);
        byPort.destinationPort = 4445L;
        assertThat(FollowUp.stageOf(NC, byPort)).isNull();
        ContainerEvent attempted = accepted("c", 1, 20, "203.0.113.45", 1, 4444);
        attempted.eventAction = "connection_attempted";
        assertThat(FollowUp.stageOf(NC, attempted)).as("an outbound connection").isNull();
    }

    @Test
    void theShellIsTheFirstShellBelowTheListener() {
        ContainerEvent child = exec("c", 1, 21, 20, "/bin/sh");
        child.ancestry = new Ancestor[] {known(20, "nc"), known(10, "bash")};
        assertThat(FollowUp.stageOf(NC, child)).isEqualTo(Stage.SHELL);

        ContainerEvent viaWrapper = exec("c", 1, 22, 30, "bash");
        viaWrapper.ancestry = new Ancestor[] {known(30, "python3"), known(20, "nc"), known(10, "bash")};
        assertThat(FollowUp.stageOf(NC, viaWrapper)).as("ancestry contains the listener").isEqualTo(Stage.SHELL);

        ContainerEvent insideTheShell = exec("c", 1, 23, 21, "bash");
        insideTheShell.ancestry = new Ancestor[] {known(21, "sh"), known(20, "nc")};
        assertThat(FollowUp.stageOf(NC, insideTheShell)).as("a shell started in the served shell").isNull();

        ContainerEvent busybox = exec("c", 1, 24, 20, "busybox", "sh");
        busybox.ancestry = new Ancestor[] {known(20, "nc")};
        assertThat(FollowUp.stageOf(NC, busybox)).isEqualTo(Stage.SHELL);

        ContainerEvent notAShell = exec("c", 1, 25, 20, "/usr/bin/id");
        notAShell.ancestry = new Ancestor[] {known(20, "nc")};
        assertThat(FollowUp.stageOf(NC, notAShell)).isNull();

        ContainerEvent elsewhere = exec("c", 1, 26, 10, "/bin/sh");
        elsewhere.ancestry = new Ancestor[] {known(10, "bash")};
        assertThat(FollowUp.stageOf(NC, elsewhere)).isNull();

        ContainerEvent pastUnknown = exec("c", 1, 27, 31, "/bin/sh");
        pastUnknown.ancestry = new Ancestor[] {known(31, "perl"), new Ancestor(Ancestor.UNKNOWN, null, null, null, null)};
        assertThat(FollowUp.stageOf(NC, pastUnknown)).as("never guessed past an unknown ancestor").isNull();
    }

    @Test
    void aShellBelowAWrappedListenerBelongsToTheNearerListener() {
        ContainerEvent wrapper = listener("c", 0, 19, 10, "timeout", "60", "nc", "-l", "-p", "4444");
        ContainerEvent wrapped = listener("c", 0, 20, 19, "nc", "-l", "-p", "4444");
        ContainerEvent shell = exec("c", 1, 21, 20, "/bin/sh");
        shell.ancestry = new Ancestor[] {known(20, "nc"), known(19, "timeout")};

        assertThat(FollowUp.stageOf(wrapped, shell)).isEqualTo(Stage.SHELL);
        assertThat(FollowUp.stageOf(wrapper, shell)).isNull();
    }

    @Test
    void theListenerReplacingItselfByAShellIsItsShell() {
        ContainerEvent inPlace = exec("c", 1, 20, 10, "/bin/sh");
        assertThat(FollowUp.stageOf(NC, inPlace)).isEqualTo(Stage.SHELL);

        ContainerEvent noEntityIds = exec("c", 1, 21, 20, "/bin/sh");
        noEntityIds.processEntityId = null;
        noEntityIds.ancestry = new Ancestor[] {new Ancestor(Ancestor.FROM_EVENT, null, 20L, "nc", null),
                new Ancestor(Ancestor.UNKNOWN, null, null, null, null)};
        ContainerEvent listenerWithoutEntityId = listener("c", 0, 20, 10, "nc", "-l", "4444");
        listenerWithoutEntityId.processEntityId = null;
        assertThat(FollowUp.stageOf(listenerWithoutEntityId, noEntityIds)).as("parent by pid").isEqualTo(Stage.SHELL);
    }
}
