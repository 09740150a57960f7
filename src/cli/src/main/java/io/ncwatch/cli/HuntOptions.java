package io.ncwatch.cli;

import io.ncwatch.eql.EqlOptions;

/**
 * The arguments of {@code ncwatch hunt}.
 *
 * @param rule a rule file or folder, or null when {@code query} is given
 * @param query EQL text, or null when {@code rule} is given
 * @param events a file of ECS JSON lines, or {@code -} for standard input
 * @param decodeAll decode every line, not only those whose raw bytes may hold a match
 */
record HuntOptions(String rule, String query, String events, boolean decodeAll, EqlOptions eql, boolean help) {

    static final String USAGE = """
            usage: ncwatch hunt (--rule FILE|FOLDER | --query EQL) --events FILE|- [options]

            Prints every event that matches, unchanged, one JSON line each, in input order, on stdout;
            a summary (events read, matched, malformed lines) on stderr.

              --rule FILE|FOLDER  a detection-rules .toml file, a Kibana rule export (.ndjson), or a
                                  folder of them: an event is printed when any of the rules matches it
              --query EQL         an EQL query given on the command line
              --events FILE|-     ECS JSON, one event a line; - reads standard input
              --decode-all        decode every line, so that every malformed line is reported; by default
                                  a line whose raw bytes show it cannot match is not decoded
              --ignore-above N    strings longer than N characters never match, as in Elasticsearch's
                                  ECS keyword mapping (default 1024; 0 switches it off)

            exit status: 0 ran (with or without matches), 1 the events could not be read to the end,
                         2 usage, rule file or EQL syntax error, 3 valid EQL this version cannot
                         evaluate yet (sequences)
            """;

    /** @throws IllegalArgumentException with a message for the user */
    static HuntOptions parse(String[] args) {
        String rule = null;
        String query = null;
        String events = null;
        boolean decodeAll = false;
        int ignoreAbove = EqlOptions.ELASTICSEARCH.ignoreAbove();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rule" -> rule = value(args, ++i, "--rule");
                case "--query" -> query = value(args, ++i, "--query");
                case "--events" -> events = value(args, ++i, "--events");
                case "--decode-all" -> decodeAll = true;
                case "--ignore-above" -> ignoreAbove = count(value(args, ++i, "--ignore-above"));
                case "--help", "-h" -> {
                    return new HuntOptions(null, null, null, false, EqlOptions.ELASTICSEARCH, true);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if ((rule == null) == (query == null)) {
            throw new IllegalArgumentException("give either --rule or --query");
        }
        if (events == null) {
            throw new IllegalArgumentException("--events is required (a file, or - for standard input)");
        }
        return new HuntOptions(rule, query, events, decodeAll, new EqlOptions(ignoreAbove), false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int count(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--ignore-above needs a whole number >= 0, got " + text);
    }
}
