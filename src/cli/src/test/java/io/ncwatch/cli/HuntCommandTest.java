package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntCommandTest {

    static final Path SHIPPED_RULE = Path.of("jobs/netcat-listener/rule.toml");
    static final Path SHIPPED_SAMPLE = Path.of("jobs/netcat-listener/samples/hunt-sample.jsonl");

    static final String NC_LISTENER = event("nc", "\"nc\",\"-lvnp\",\"4444\"");
    static final String NC_PORT_CHECK = event("nc", "\"nc\",\"-z\",\"db\",\"5432\"");
    static final String LS = event("ls", "\"ls\",\"-la\"");

    @TempDir
    Path dir;

    record Result(int exit, String stdout, String stderr) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }
    }

    @Test
    void theShippedRuleFindsTheListenersOfTheShippedSample() throws IOException {
        List<String> sample = Files.readAllLines(SHIPPED_SAMPLE);

        Result result = hunt("", "--rule", SHIPPED_RULE.toString(), "--events", SHIPPED_SAMPLE.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.stdoutLines()).as("nc -lvnp, ncat --listen --sh-exec, busybox nc -lp -e, netcat -l -p -c")
                .containsExactly(sample.get(16), sample.get(20), sample.get(23), sample.get(26));
        assertThat(result.stderr())
                .contains("30 events read", "4 matched", "1 malformed")
                .contains("malformed line 20: NOT_JSON: ");
    }

    @Test
    void stopsReadingWhenItsOutputIsClosed() {
        String events = IntStream.range(0, 5_000).mapToObj(i -> NC_LISTENER).collect(Collectors.joining("\n"));
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.execute(new HuntCommand(new ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)), closedPipe,
                new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofHours(1)), closedPipe, err,
                "--rule", SHIPPED_RULE.toString(), "--events", "-");

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(stderr).contains("stopped, the output was closed");
        long read = Long.parseLong(stderr.replaceAll("(?s).*?(\\d+) events read.*", "$1"));
        assertThat(read).as("events read before stopping").isPositive().isLessThan(5_000);
    }

    @Test
    void printsMatchingLinesByteForByteInInputOrder() {
        String spaced = "{ \"@timestamp\" : \"2026-11-28T06:00:01Z\", \"process.name\":\"NC\",\"event\":{\"category\":\"process\"},"
                + " \"process\": {\"args\": [\"nc\", \"-l\", \"\\u0034444\"]}, \"note\": \"caf\u00e9\" }";
        String events = String.join("\n", LS, NC_LISTENER, NC_PORT_CHECK, spaced, NC_LISTENER.replace("4444", "5555")) + "\n";

        Result result = hunt(events, "--query", "process where process.name : \"nc\" and process.args : \"-*l*\"",
                "--events", "-");

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).isEqualTo(
                NC_LISTENER + "\n" + spaced + "\n" + NC_LISTENER.replace("4444", "5555") + "\n");
        assertThat(result.stderr()).contains("5 events read", "3 matched", "0 malformed");
    }

    @Test
    void runsWithNoMatchAndSaysSo() {
        Result result = hunt(LS + "\n" + NC_PORT_CHECK + "\n", "--rule", SHIPPED_RULE.toString(), "--events", "-");

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("2 events read", "0 matched", "0 malformed");
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumbersAndNeverStopTheHunt() {
        String overLimit = "{\"@timestamp\":\"2026-11-28T06:00:00Z\",\"nc\":\"" + "x".repeat(1 << 20) + "\"}";
        String events = String.join("\n",
                "{\"@timestamp\":\"2026-11-28T06:00:00Z\",\"process\":{\"name\":\"nc\",\"args\":[\"nc\",\"-l\"",
                "",
                "[\"nc\"]",
                "{\"process\":{\"name\":\"nc\",\"args\":[\"nc\",\"-l\"]},\"event\":{\"category\":\"process\"}}",
                "{\"@timestamp\":\"yesterday\",\"process\":{\"name\":\"nc\"}}",
                overLimit,
                NC_LISTENER) + "\n";

        Result result = hunt(events, "--query", "process where process.name == \"nc\"", "--events", "-");

        assertThat(result.exit()).isZero();
        assertThat(result.stdoutLines()).containsExactly(NC_LISTENER);
        assertThat(result.stderr()).contains("6 events read", "1 matched", "5 malformed");
        assertThat(result.stderr().lines().filter(l -> l.startsWith("  malformed line")).toList()).satisfiesExactly(
                l -> assertThat(l).startsWith("  malformed line 1: NOT_JSON: "),
                l -> assertThat(l).startsWith("  malformed line 3: NOT_AN_OBJECT: "),
                l -> assertThat(l).startsWith("  malformed line 4: MISSING_TIMESTAMP: "),
                l -> assertThat(l).startsWith("  malformed line 5: BAD_TIMESTAMP: "),
                l -> assertThat(l).isEqualTo("  malformed line 6: TOO_LARGE: the line is " + overLimit.length()
                        + " bytes, over the limit of 1048576 bytes"));
    }

    @Test
    void listsAtMostTwentyMalformedLinesAndCountsTheRest() {
        String events = IntStream.rangeClosed(1, 25).mapToObj(i -> "{\"nc\": broken " + i).collect(Collectors.joining("\n"));

        Result result = hunt(events, "--query", "process where process.name == \"nc\"", "--events", "-");

        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).contains("25 malformed", "  malformed line 20: ", "  ... and 5 more malformed lines")
                .doesNotContain("malformed line 21:");
    }

    @Test
    void linesThatCannotMatchAreNotDecodedUnlessAsked() {
        String events = LS + "\n" + "{not json, and no needle in it\n" + NC_LISTENER + "\n";
        String[] args = {"--query", "process where process.name == \"nc\"", "--events", "-"};

        Result ruledOut = hunt(events, args);
        Result decodeAll = hunt(events, concat(args, "--decode-all"));

        assertThat(ruledOut.stdoutLines()).containsExactly(NC_LISTENER);
        assertThat(ruledOut.stderr()).contains("0 malformed", "2 events not decoded: their raw bytes rule out a match");
        assertThat(decodeAll.stdoutLines()).containsExactly(NC_LISTENER);
        assertThat(decodeAll.stderr()).contains("1 malformed", "malformed line 2: NOT_JSON");
    }

    @Test
    void readsAnEventsFileAndCrLfLines() throws IOException {
        Path file = Files.writeString(dir.resolve("events.jsonl"), LS + "\r\n" + NC_LISTENER + "\r\n");

        Result result = hunt("", "--rule", SHIPPED_RULE.toString(), "--events", file.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).isEqualTo(NC_LISTENER + "\n");
    }

    @Test
    void aRuleFolderRunsItsSingleEventRulesAndPrintsAnEventOnceWhenSeveralMatch() throws IOException {
        Files.copy(SHIPPED_RULE, dir.resolve("netcat.toml"));
        Files.writeString(dir.resolve("export.ndjson"), String.join("\n",
                exportLine("any-nc", "Any Netcat", "eql", "process where process.name == \\\"nc\\\""),
                exportLine("seq", "Listener Then Connection", "eql",
                        "sequence by process.entity_id [process where process.name == \\\"nc\\\"]"
                                + " [network where event.action == \\\"connection_accepted\\\"]"),
                exportLine("kql", "Some KQL Rule", "kuery", "process.name : nc"),
                "{\"exported_count\":3,\"missing_rules\":[],\"missing_rules_count\":0}") + "\n");

        Result result = hunt(LS + "\n" + NC_PORT_CHECK + "\n" + NC_LISTENER + "\n",
                "--rule", dir.toString(), "--events", "-");

        assertThat(result.exit()).isZero();
        assertThat(result.stdoutLines()).containsExactly(NC_PORT_CHECK, NC_LISTENER);
        assertThat(result.stderr())
                .contains("export.ndjson line 2: rule \"Listener Then Connection\" left out: a sequence matches several events, not one")
                .contains("export.ndjson line 3: rule \"Some KQL Rule\" skipped: its type is query and its language kuery")
                .contains("3 events read", "2 matched")
                .contains("  2 matched by \"Any Netcat\"", "  1 matched by \"Netcat Listener Established Inside A Container\"");
    }

    @Test
    void aSyntaxErrorExitsWithTwoAndTheParsersLineAndColumn() {
        Result result = hunt(NC_LISTENER, "--query", "process where\nprocess.name = \"nc\"", "--events", "-");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("ncwatch hunt: --query is not valid EQL: line 2, column ");
    }

    @Test
    void aRuleFileWithASyntaxErrorNamesTheFileAndRule() throws IOException {
        Path rule = Files.writeString(dir.resolve("bad.toml"), Files.readString(SHIPPED_RULE)
                .replace("event.type== \"start\"", "event.type= \"start\""));

        Result result = hunt(NC_LISTENER, "--rule", rule.toString(), "--events", "-");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("ncwatch hunt: " + rule
                + ": rule \"Netcat Listener Established Inside A Container\": line 1, column ");
    }

    private static final String A_THEN_B = "sequence by host.id with maxspan=1m"
            + " [process where process.name == \"a\"] [process where process.name == \"b\"]";

    @Test
    void aSequencePrintsEachMatchWithItsJoinKeysAndEventsInOrder() {
        String a1 = at("06:00:01", "h1", "a");
        String a2 = at("06:00:02", "h2", "a");
        String b1 = at("06:00:03", "h1", "b");
        String b2 = at("06:00:04", "h2", "b");
        String late = at("06:05:00", "h1", "b");

        Result result = hunt(String.join("\n", a1, a2, b1, b2, late), "--query", A_THEN_B, "--events", "-");

        assertThat(result.exit()).isZero();
        assertThat(result.stdoutLines()).containsExactly(
                "{\"join_keys\":[\"h1\"],\"events\":[{\"_source\":" + a1 + "},{\"_source\":" + b1 + "}]}",
                "{\"join_keys\":[\"h2\"],\"events\":[{\"_source\":" + a2 + "},{\"_source\":" + b2 + "}]}");
        assertThat(result.stderr()).contains("5 events read", "2 sequences");
    }

    @Test
    void anUnorderedFileGivesTheSameSequencesAsTheOrderedOne() {
        List<String> ordered = List.of(at("06:00:01", "h1", "a"), at("06:00:02", "h2", "a"), at("06:00:03", "h1", "b"),
                at("06:00:04", "h2", "b"), at("06:00:05", "h1", "a"), at("06:00:06", "h1", "b"));
        List<String> shuffled = List.of(ordered.get(5), ordered.get(2), ordered.get(0), ordered.get(4), ordered.get(3),
                ordered.get(1));

        Result inOrder = hunt(String.join("\n", ordered), "--query", A_THEN_B, "--events", "-");
        Result outOfOrder = hunt(String.join("\n", shuffled), "--query", A_THEN_B, "--events", "-");

        assertThat(inOrder.stdoutLines()).hasSize(3);
        assertThat(outOfOrder.stdout()).isEqualTo(inOrder.stdout());
    }

    @Test
    void theTiebreakerOrdersEventsOfEqualTimestampBeforeInputOrder() {
        String a = at("06:00:01", "h1", "a").replace("{\"@timestamp\"", "{\"event_seq\":2,\"@timestamp\"");
        String b = at("06:00:01", "h1", "b").replace("{\"@timestamp\"", "{\"event_seq\":1,\"@timestamp\"");
        String events = a + "\n" + b;

        assertThat(hunt(events, "--query", A_THEN_B, "--events", "-").stdoutLines()).as("input order: a, b").hasSize(1);
        assertThat(hunt(events, "--query", A_THEN_B, "--events", "-", "--tiebreaker", "event_seq").stdoutLines())
                .as("by event_seq: b, a").isEmpty();
        assertThat(hunt(events, "--query", A_THEN_B, "--events", "-", "--tiebreaker", "no.such.field").stdoutLines())
                .as("no tiebreaker values: input order").hasSize(1);
    }

    @Test
    void unorderedEventsBeyondTheSortMemoryStopTheHuntWithAdvice() {
        String events = IntStream.range(0, 12_000).mapToObj(i -> at(String.format("06:%02d:%02d", 59 - i / 200 % 60, 59 - i % 60),
                "h" + i, "a")).collect(Collectors.joining("\n"));

        Result result = hunt(events, "--query", A_THEN_B, "--events", "-", "--sort-memory", "1");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).contains("12,000 events read", "ncwatch hunt: stopped: the events are not in @timestamp"
                + " order, and the 1 MB of those the query reads are more than --sort-memory 1 MB: sort the file by"
                + " @timestamp first, or raise --sort-memory");
    }

    @Test
    void aMissingEventStagePrintsAPlaceholder() {
        String a1 = at("06:00:01", "h1", "a");
        String b1 = at("06:00:03", "h1", "b");
        String query = "sequence by host.id with maxspan=1m [process where process.name == \"a\"]"
                + " ![process where process.name == \"x\"] [process where process.name == \"b\"]";

        Result result = hunt(a1 + "\n" + b1, "--query", query, "--events", "-");

        assertThat(result.stdoutLines()).containsExactly("{\"join_keys\":[\"h1\"],\"events\":[{\"_source\":" + a1
                + "},{\"missing\":true},{\"_source\":" + b1 + "}]}");
    }

    @Test
    void aSamplePrintsOneSamplePerJoinKeyInKeyOrder() {
        String b2 = at("06:00:01", "h2", "b");
        String a2 = at("06:00:02", "h2", "a");
        String a1 = at("06:00:03", "h1", "a");
        String b1 = at("06:00:04", "h1", "b");

        Result result = hunt(String.join("\n", b2, a2, a1, b1), "--query", "sample by host.id"
                + " [process where process.name == \"a\"] [process where process.name == \"b\"]", "--events", "-");

        assertThat(result.stdoutLines()).containsExactly(
                "{\"join_keys\":[\"h1\"],\"events\":[{\"_source\":" + a1 + "},{\"_source\":" + b1 + "}]}",
                "{\"join_keys\":[\"h2\"],\"events\":[{\"_source\":" + a2 + "},{\"_source\":" + b2 + "}]}");
    }

    @Test
    void headAndTailKeepTheFirstAndLastResultsByTimestamp() {
        String e1 = at("06:00:01", "h1", "a");
        String e2 = at("06:00:02", "h1", "a");
        String e3 = at("06:00:03", "h1", "a");
        String events = String.join("\n", e3, e1, e2);

        assertThat(hunt(events, "--query", "process where process.name == \"a\" | head 2", "--events", "-").stdoutLines())
                .containsExactly(e1, e2);
        assertThat(hunt(events, "--query", "process where process.name == \"a\" | tail 1", "--events", "-").stdoutLines())
                .containsExactly(e3);
        assertThat(hunt(events + "\n" + at("06:00:04", "h1", "b"), "--query", A_THEN_B + " | tail 1", "--events", "-")
                .stdoutLines()).singleElement().asString().contains(e3);
    }

    @Test
    void aJoinKeyWithSeveralValuesStopsTheHuntAsElasticsearchRefusesTheQuery() {
        String twoHosts = at("06:00:01", "h1", "a").replace("\"id\":\"h1\"", "\"id\":[\"h1\",\"h2\"]");

        Result result = hunt(at("06:00:00", "h1", "a") + "\n" + twoHosts, "--query", A_THEN_B, "--events", "-");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("ncwatch hunt: stopped: line 2: Arrays (returned by [host.id]) are not"
                + " supported as join keys; Elasticsearch refuses the query on such an event too");
    }

    @Test
    void aSequenceRuleFileIsHuntedAloneAndLeftOutAmongOthers() throws IOException {
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone);
        Files.writeString(alone.resolve("export.ndjson"), exportLine("seq", "A Then B", "eql",
                A_THEN_B.replace("\"", "\\\"")) + "\n");
        Files.writeString(dir.resolve("export.ndjson"), exportLine("seq", "A Then B", "eql",
                A_THEN_B.replace("\"", "\\\"")) + "\n" + exportLine("one", "Any A", "eql",
                "process where process.name == \\\"a\\\"") + "\n");
        String events = at("06:00:01", "h1", "a") + "\n" + at("06:00:02", "h1", "b");

        Result single = hunt(events, "--rule", alone.toString(), "--events", "-");
        Result together = hunt(events, "--rule", dir.resolve("export.ndjson").toString(), "--events", "-");

        assertThat(single.exit()).isZero();
        assertThat(single.stdoutLines()).singleElement().asString().startsWith("{\"join_keys\":[\"h1\"]");
        assertThat(together.exit()).isZero();
        assertThat(together.stdoutLines()).containsExactly(at("06:00:01", "h1", "a"));
        assertThat(together.stderr()).contains("rule \"A Then B\" left out: a sequence matches several events, not one;"
                + " hunt it alone with --rule and its file");
    }

    @Test
    void aRuleFolderOfSequencesOnlyIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("export.ndjson"), exportLine("seq", "Listener Then Connection", "eql",
                "sequence [process where true] [network where true]") + "\n"
                + exportLine("seq2", "Two", "eql", "sequence [process where true] [file where true]") + "\n");

        Result result = hunt(NC_LISTENER, "--rule", dir.toString(), "--events", "-");

        assertUsage(result, "no rule in " + dir + " can be run with the others: hunt each alone with --rule and its file");
    }

    @Test
    void datesCompareAsDatesHoweverTheEventSpellsThem() {
        String epochMillis = NC_LISTENER.replace("\"2026-11-28T06:12:44.318Z\"", "1795846364318");
        String withOffset = NC_LISTENER.replace("2026-11-28T06:12:44.318Z", "2026-11-28T07:12:44.318+01:00");
        String earlier = NC_LISTENER.replace("06:12:44.318Z", "06:12:43Z");
        String events = String.join("\n", NC_LISTENER, epochMillis, withOffset, earlier) + "\n";

        Result result = hunt(events, "--query", "process where @timestamp >= \"2026-11-28T06:12:44Z\"", "--events", "-");

        assertThat(result.stdoutLines()).containsExactly(NC_LISTENER, epochMillis, withOffset);
    }

    @Test
    void aMappingOfTheUsersDecidesHowFieldsCompare() throws IOException {
        Path mapping = Files.writeString(dir.resolve("mapping.json"),
                "{\"mappings\": {\"properties\": {\"process.args\": {\"type\": \"ip\"}, \"process.name\": {\"type\": \"text\"}}}}");
        String loopback = event("ping", "\"0:0::1\"");

        assertThat(hunt(loopback, "--query", "process where process.args == \"::1\"", "--events", "-").stdout()).isEmpty();
        assertThat(hunt(loopback, "--query", "process where process.args == \"::1\"", "--events", "-",
                "--mapping", mapping.toString()).stdoutLines()).containsExactly(loopback);
        assertThat(hunt(loopback, "--query", "process where process.name : \"ping\"", "--events", "-",
                "--mapping", mapping.toString()))
                .satisfies(r -> assertUsage(r, "field [process.name] is of type [text] with no keyword sub-field"));
    }

    @Test
    void aJsonNullIsTheNullValueOfTheMapping() throws IOException {
        Path mapping = Files.writeString(dir.resolve("mapping.json"),
                "{\"properties\": {\"user.name\": {\"type\": \"keyword\", \"null_value\": \"nobody\"}}}");
        String nullUser = NC_LISTENER.replace("\"container\":", "\"user\":{\"name\":null},\"container\":");

        Result result = hunt(nullUser + "\n" + NC_LISTENER + "\n", "--query", "process where user.name == \"nobody\"",
                "--events", "-", "--mapping", mapping.toString());

        assertThat(result.stdoutLines()).containsExactly(nullUser);
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path events = Files.writeString(dir.resolve("e.jsonl"), NC_LISTENER);
        Path notARule = Files.writeString(dir.resolve("rule.txt"), "nc");
        String query = "process where true";

        assertThat(hunt("")).satisfies(r -> assertUsage(r, "give either --rule or --query"));
        assertThat(hunt("", "--query", query)).satisfies(r -> assertUsage(r, "--events is required"));
        assertThat(hunt("", "--query", query, "--rule", SHIPPED_RULE.toString(), "--events", "-"))
                .satisfies(r -> assertUsage(r, "give either --rule or --query"));
        assertThat(hunt("", "--query", query, "--events", "-", "--fast")).satisfies(r -> assertUsage(r, "unknown option --fast"));
        assertThat(hunt("", "--query")).satisfies(r -> assertUsage(r, "--query needs a value"));
        assertThat(hunt("", "--query", query, "--events", "-", "--ignore-above", "-1"))
                .satisfies(r -> assertUsage(r, "--ignore-above needs a whole number >= 0, got -1"));
        assertThat(hunt("", "--query", query, "--events", "-", "--mapping", notARule.toString()))
                .satisfies(r -> assertUsage(r, "--mapping " + notARule + " is not JSON"));
        assertThat(hunt("", "--query", query, "--events", dir.resolve("missing.jsonl").toString()))
                .satisfies(r -> assertUsage(r, "no such events file: " + dir.resolve("missing.jsonl")));
        assertThat(hunt("", "--rule", notARule.toString(), "--events", events.toString()))
                .satisfies(r -> assertUsage(r, notARule + ": not a rule file (expected .toml or .ndjson)"));
        assertThat(hunt("", "--rule", dir.resolve("none.toml").toString(), "--events", events.toString()))
                .satisfies(r -> assertUsage(r, "none.toml: no such file or folder"));
    }

    @Test
    void isACommandOfNcwatch() {
        assertThat(Main.commandLine().getSubcommands()).containsKey("hunt");
        assertThat(Main.commandLine().getSubcommands().get("hunt").<Object>getCommand()).isInstanceOf(HuntCommand.class);
    }

    @Test
    void helpPrintsTheUsageOnStdout() {
        Result result = hunt("", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).startsWith("usage: ncwatch hunt (--rule FILE|FOLDER | --query EQL) --events FILE|-");
    }

    @Test
    void showsProgressOnLongRuns() {
        String events = (LS + "\n").repeat(2048) + NC_LISTENER + "\n";

        Result result = new HuntRun(Duration.ZERO).run(events, "--rule", SHIPPED_RULE.toString(), "--events", "-");

        assertThat(result.exit()).isZero();
        assertThat(result.stdoutLines()).containsExactly(NC_LISTENER);
        assertThat(result.stderr().lines().filter(l -> l.contains("events read")))
                .as("two progress lines (after 1024 and 2048 lines), then the summary")
                .hasSize(3)
                .first().asString().startsWith("ncwatch hunt: 1,024 events read (");
    }

    private static void assertUsage(Result result, String message) {
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains(message);
    }

    /** A Defend for Containers process exec event inside a container. */
    private static String event(String name, String args) {
        return "{\"@timestamp\":\"2026-11-28T06:12:44.318Z\",\"event\":{\"kind\":\"event\",\"category\":[\"process\"],"
                + "\"type\":[\"start\"],\"action\":\"exec\",\"module\":\"cloud_defend\"},\"process\":{\"name\":\"" + name
                + "\",\"args\":[" + args + "],\"interactive\":true},\"container\":{\"id\":\"8c4b2f9e6a1d\"}}";
    }

    /** A process event of host {@code host} at {@code time} on 2026-11-28. */
    private static String at(String time, String host, String name) {
        return "{\"@timestamp\":\"2026-11-28T" + time + "Z\",\"event\":{\"category\":\"process\"},\"host\":{\"id\":\""
                + host + "\"},\"process\":{\"name\":\"" + name + "\"}}";
    }

    private static String exportLine(String ruleId, String name, String language, String query) {
        return "{\"rule_id\":\"" + ruleId + "\",\"name\":\"" + name + "\",\"type\":\"" + ("eql".equals(language) ? "eql" : "query")
                + "\",\"language\":\"" + language + "\",\"severity\":\"low\",\"risk_score\":21,\"query\":\"" + query + "\"}";
    }

    private static String[] concat(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

    private static Result hunt(String stdin, String... args) {
        return new HuntRun(Duration.ofHours(1)).run(stdin, args);
    }

    /** Runs the command in-process with its standard streams in memory. */
    record HuntRun(Duration progressEvery) {
        Result run(String stdin, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Main.execute(new HuntCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    progressEvery), out, err, args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
