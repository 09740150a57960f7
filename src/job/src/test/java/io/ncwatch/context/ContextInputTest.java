package io.ncwatch.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.TestContainerEvents;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class ContextInputTest {
    private static final String CONTAINER = "8c4b2f9e6a1d3c7b5e0f";

    private static List<ContainerEvent> input(ContextInput function, ContainerEvent... events) throws Exception {
        List<ContainerEvent> out = new ArrayList<>();
        for (ContainerEvent event : events) {
            function.flatMap(event, new ListCollector<>(out));
        }
        return out;
    }

    @Test
    void aProcessStartThatMattersOnlyToTheTableGoesOnWithWhatTheTableKeeps() throws Exception {
        ContainerEvent sleep = TestContainerEvents.exec(CONTAINER, 1_000, 20, 1, "sleep", "10");
        sleep.topic = "ncwatch.process-events";

        List<ContainerEvent> out = input(new ContextInput(event -> false), sleep);

        assertThat(out).extracting(e -> e.processEntityId, e -> e.parentEntityId, e -> e.processArgs)
                .containsExactly(tuple("ent-20", "ent-1", new String[] {"sleep", "10"}));
        assertThat(out).as("what only alerts and the correlation read stays behind")
                .extracting(e -> e.eventId, e -> e.parentPid, e -> e.topic)
                .containsOnly(tuple(null, null, null));
    }

    @Test
    void matchesAndWantedEventsGoOnWhole() throws Exception {
        ContainerEvent listener = TestContainerEvents.listener(CONTAINER, 1_000, 20, 1, "nc", "-lvnp", "4444");
        ContainerEvent connection = TestContainerEvents.accepted(CONTAINER, 2_000, 20, "203.0.113.45", 51544, 4444);

        List<ContainerEvent> out = input(new ContextInput(event -> event == connection), listener, connection);

        assertThat(out).containsExactly(listener, connection);
        assertThat(out).extracting(e -> e.eventId, e -> e.parentPid)
                .containsExactly(tuple(listener.eventId, 1L), tuple(connection.eventId, null));
        assertThat(connection.destinationPort).isEqualTo(4444L);
    }

    @Test
    void eventsTheContextDoesNothingWithAreDropped() throws Exception {
        ContainerEvent unwantedConnection = TestContainerEvents.accepted(CONTAINER, 2_000, 20, "203.0.113.45", 51544, 80);

        assertThat(input(new ContextInput(event -> false), unwantedConnection)).isEmpty();
    }
}
