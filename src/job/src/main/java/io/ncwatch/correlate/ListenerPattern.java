package io.ncwatch.correlate;

import io.ncwatch.record.ContainerEvent;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The CEP pattern, per container: a listener rule's detection, then any number of its follow-ups
 * ({@link FollowUp}: accepted connections, the shell it serves) within the window. Each follow-up makes
 * its own match, so a connection and then a shell give two matches of one listener.
 */
public final class ListenerPattern {
    public static final String LISTENER = "listener";
    public static final String FOLLOW_UP = "follow-up";

    private ListenerPattern() {}

    public static Pattern<ContainerEvent, ?> of(Set<String> listenerRules, Duration window) {
        return Pattern.<ContainerEvent>begin(LISTENER)
                .where(new IsListener(listenerRules))
                .followedByAny(FOLLOW_UP)
                .where(new FollowsListener())
                .within(window);
    }

    /** Whether an event matched one of the listener rules. */
    public static boolean isListener(ContainerEvent event, Set<String> listenerRules) {
        for (String ruleId : event.matchedRules) {
            if (listenerRules.contains(ruleId)) {
                return true;
            }
        }
        return false;
    }

    static final class IsListener extends SimpleCondition<ContainerEvent> {
        private final Set<String> listenerRules;

        IsListener(Set<String> listenerRules) {
            this.listenerRules = Set.copyOf(listenerRules);
        }

        @Override
        public boolean filter(ContainerEvent event) {
            return isListener(event, listenerRules);
        }
    }

    static final class FollowsListener extends IterativeCondition<ContainerEvent> {
        @Override
        public boolean filter(ContainerEvent event, Context<ContainerEvent> context) throws Exception {
            if (!FollowUp.isCandidate(event)) {
                return false;
            }
            for (ContainerEvent listener : context.getEventsForPattern(LISTENER)) {
                if (FollowUp.stageOf(listener, event) != null) {
                    return true;
                }
            }
            return false;
        }
    }
}
