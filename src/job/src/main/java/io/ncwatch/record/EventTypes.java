package io.ncwatch.record;

/** What kind of event an event is, by its ECS {@code event.*} fields. */
public final class EventTypes {
    private EventTypes() {}

    /** A process start: {@code event.type} start with {@code event.action} fork or exec. */
    public static boolean isProcessStart(ContainerEvent event) {
        return contains(event.eventType, "start") && ("exec".equals(event.eventAction) || "fork".equals(event.eventAction))
                && !isNetwork(event);
    }

    /** A process end: {@code event.action} end or {@code event.type} end, outside the network category. */
    public static boolean isProcessEnd(ContainerEvent event) {
        return ("end".equals(event.eventAction) || contains(event.eventType, "end")) && !isNetwork(event);
    }

    public static boolean isNetwork(ContainerEvent event) {
        return contains(event.eventCategory, "network");
    }

    public static boolean contains(String[] values, String wanted) {
        if (values != null) {
            for (String value : values) {
                if (wanted.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
