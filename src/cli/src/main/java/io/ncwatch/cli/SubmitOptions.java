package io.ncwatch.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments of {@code ncwatch submit}.
 *
 * @param flink the Flink REST API, for example {@code http://localhost:8081}
 * @param jar the job jar to upload
 * @param jobArgs the arguments of the job's main method
 */
record SubmitOptions(String flink, Path jar, List<String> jobArgs, boolean help) {

    static final String DEFAULT_FLINK = "http://localhost:8081";

    static final String USAGE = """
            usage: ncwatch submit [--flink URL] [--jar PATH] [--] [job arguments...]

            Uploads the job jar to a Flink cluster's REST API, runs it with the job arguments, and
            prints the job id. The first argument that is none of the options below starts the job's
            arguments, for example: ncwatch submit --kafka localhost:9092 --es http://localhost:9200

              --flink URL   the cluster's REST API (default http://localhost:8081: bin/ncwatch stack up)
              --jar PATH    the job jar (default target/ncwatch-0.1.0.jar of this checkout)

            exit status: 0 submitted, 1 Flink refused or could not be reached, 2 usage or no jar
            """;

    /** @throws IllegalArgumentException with a message for the user */
    static SubmitOptions parse(String[] args, Path defaultJar) {
        String flink = DEFAULT_FLINK;
        Path jar = defaultJar;
        int i = 0;
        for (; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return new SubmitOptions(flink, jar, List.of(), true);
            }
            if (option.equals("--")) {
                i++;
                break;
            }
            if (!option.equals("--flink") && !option.equals("--jar")) {
                break;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            if (option.equals("--flink")) {
                flink = value.replaceAll("/+$", "");
            } else {
                jar = Path.of(value);
            }
        }
        return new SubmitOptions(flink, jar, List.copyOf(Arrays.asList(args).subList(i, args.length)), false);
    }
}
