package io.ncwatch.generate;

/** A Defend for Containers file event: a process creates, deletes or opens a file. */
final class FileEvent extends PlannedEvent {
    enum Action {
        CREATION("creation", "creation"),
        DELETION("deletion", "deletion"),
        /** An open for reading: Defend for Containers types it {@code change}. */
        OPEN("open", "change");

        final String name;
        final String type;

        Action(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    final Action action;
    final SimProcess process;
    final String path;

    FileEvent(long timestamp, long seq, String eventId, FleetContainer container, Action action, SimProcess process,
            String path) {
        super(timestamp, seq, eventId, container);
        this.action = action;
        this.process = process;
        this.path = path;
    }

    String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    String directory() {
        return path.substring(0, Math.max(1, path.lastIndexOf('/')));
    }

    @Override
    EventKind kind() {
        return EventKind.FILE;
    }
}
