package io.ncwatch.cli;

/**
 * The arguments of {@code ncwatch produce}.
 *
 * @param kafka bootstrap servers, HOST:PORT[,HOST:PORT...]
 * @param topic the topic to write to, created when missing
 * @param events a file of JSON lines, or {@code -} for standard input
 * @param partitions the number of partitions of the topic when it is created
 */
record ProduceOptions(String kafka, String topic, String events, int partitions, boolean help) {

    static final String USAGE = """
            usage: ncwatch produce --kafka HOST:PORT --topic T --events FILE|- [--partitions N]

            Sends each line of FILE to the topic as one record, its bytes unchanged; a line whose JSON
            holds container.id is keyed by it, so a container's events stay in order in one partition.
            Blank lines are skipped. The topic is created when missing.

              --kafka HOST:PORT   Kafka bootstrap servers
              --topic T           the topic, for example ncwatch.process-events
              --events FILE|-     one event a line; - reads standard input
              --partitions N      partitions of the topic when it is created (default 2)

            exit status: 0 all lines sent, 1 Kafka failed or refused some records, 2 usage or unreadable file
            """;

    /** @throws IllegalArgumentException with a message for the user */
    static ProduceOptions parse(String[] args) {
        String kafka = null;
        String topic = null;
        String events = null;
        int partitions = 2;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return new ProduceOptions(null, null, null, partitions, true);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unexpected argument: " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--kafka" -> kafka = value;
                case "--topic" -> topic = value;
                case "--events" -> events = value;
                case "--partitions" -> partitions = positive(option, value);
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }
        if (kafka == null || topic == null || events == null) {
            throw new IllegalArgumentException("--kafka, --topic and --events are required");
        }
        return new ProduceOptions(kafka, topic, events, partitions, false);
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a positive number, not " + value);
    }
}
