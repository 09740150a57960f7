package io.ncwatch.generate;

/** An Elastic Defend network event of a container's process. */
final class NetworkEvent extends PlannedEvent {
    enum Action {
        CONNECTION_ACCEPTED("connection_accepted", "start", "ingress"),
        CONNECTION_ATTEMPTED("connection_attempted", "start", "egress"),
        DISCONNECT_RECEIVED("disconnect_received", "end", null);

        final String name;
        final String type;
        /** The direction of a new connection; a disconnect takes its connection's. */
        final String direction;

        Action(String name, String type, String direction) {
            this.name = name;
            this.type = type;
            this.direction = direction;
        }
    }

    final Action action;
    final String direction;
    final SimProcess process;
    final String sourceIp;
    final int sourcePort;
    final String destinationIp;
    final int destinationPort;

    NetworkEvent(long timestamp, long seq, String eventId, FleetContainer container, Action action,
            String direction, SimProcess process, String sourceIp, int sourcePort, String destinationIp,
            int destinationPort) {
        super(timestamp, seq, eventId, container);
        this.action = action;
        this.direction = direction;
        this.process = process;
        this.sourceIp = sourceIp;
        this.sourcePort = sourcePort;
        this.destinationIp = destinationIp;
        this.destinationPort = destinationPort;
    }

    @Override
    EventKind kind() {
        return EventKind.NETWORK;
    }
}
