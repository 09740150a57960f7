package io.ncwatch.generate;

import java.util.List;

/**
 * One sequence alert the job must raise over the generated traffic: a behaviour one of Elastic's container
 * sequence rules looks for, played whole and within the rule's time span. A line of the ground truth.
 *
 * @param behaviour what happened
 * @param containerId the container it happened in
 * @param joinKeys the values the sequence joins on, in the order of the behaviour's join fields (shared
 *     fields first, then the per-stage field), as Elasticsearch lists a sequence's {@code join_keys};
 *     {@code user.id} as a string whichever way the event spells it
 * @param eventIds the {@code event.id} of each member event, in sequence order
 */
public record ExpectedSequence(Behaviour behaviour, String containerId, List<String> joinKeys, List<String> eventIds) {

    public ExpectedSequence {
        joinKeys = List.copyOf(joinKeys);
        eventIds = List.copyOf(eventIds);
    }

    /** The behaviours, each with the fields it joins on and the span it must fit in. */
    public enum Behaviour {
        /**
         * A download tool creates a file in a temporary or home folder, a shell executes a program of that
         * name, and a file of that name there is deleted by anything but {@code rm}: joined by
         * {@code container.id}, {@code user.id} and the file's name, within 10 s.
         */
        INGRESS_TRANSFER("ingress-transfer"),
        /**
         * A file is created in {@code /tmp}, {@code /var/tmp}, {@code /dev/shm}, {@code /root} or
         * {@code /home}, not by a package manager, then executed ({@code process.executable} is its
         * {@code file.path}): joined by {@code container.id}, {@code user.id} and the path, within 3 s.
         */
        FILE_EXEC("file-exec"),
        /**
         * An interactive process opens the pod's service account token, then the API server logs a request
         * made with it: joined by the pod's name ({@code orchestrator.resource.name}, and
         * {@code kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name}), within 60 s.
         */
        TOKEN_API("token-api"),
        /**
         * An interactive {@code curl} (or wget, openssl, socat, ncat, kubectl) starts, then the API server
         * logs a request from that pod: joined by the pod's name, within 1 s.
         */
        INTERACTIVE_API_REQUEST("interactive-api-request");

        private final String jsonName;

        Behaviour(String jsonName) {
            this.jsonName = jsonName;
        }

        /** As the ground truth writes it. */
        public String jsonName() {
            return jsonName;
        }

        /** @throws IllegalArgumentException for a name no behaviour has */
        public static Behaviour fromJsonName(String name) {
            for (Behaviour b : values()) {
                if (b.jsonName.equals(name)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown sequence behaviour '" + name + "'");
        }
    }
}
