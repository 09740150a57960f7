package io.ncwatch.context;

import io.ncwatch.record.ContainerEvent;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * What crosses the shuffle to {@link ContainerContext}, before it: events that matched a rule or that
 * the later stages want ({@code wanted}) go whole; events that matter only to the process table go with
 * just what the table keeps; the others are dropped here, so that they are not serialized, sent and
 * deserialized for nothing.
 */
public class ContextInput implements FlatMapFunction<ContainerEvent, ContainerEvent> {
    private final FilterFunction<ContainerEvent> wanted;

    public ContextInput(FilterFunction<ContainerEvent> wanted) {
        this.wanted = wanted;
    }

    @Override
    public void flatMap(ContainerEvent event, Collector<ContainerEvent> out) throws Exception {
        if (event.matched() || wanted.filter(event)) {
            out.collect(event);
        } else if (ProcessTable.records(event)) {
            trimForTable(event);
            out.collect(event);
        }
    }

    /** Drops the fields the table does not keep: the event's id, parent details, leaders, network fields, source topic. */
    private static void trimForTable(ContainerEvent event) {
        event.eventId = null;
        event.parentPid = null;
        event.parentName = null;
        event.parentArgs = null;
        event.sessionLeaderEntityId = null;
        event.sessionLeaderPid = null;
        event.sessionLeaderName = null;
        event.entryLeaderEntityId = null;
        event.entryLeaderPid = null;
        event.entryLeaderName = null;
        event.sourceIp = null;
        event.sourcePort = null;
        event.destinationPort = null;
        event.topic = null;
    }
}
