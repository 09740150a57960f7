package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.AlertSuppression;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @TempDir Path dir;

    @Test
    void theJobsSuppressionGoesToEveryRuleWithoutItsOwn() {
        JobConfig config = JobConfig.of(Map.of("alerts.suppression.group-by", "container.id;process.executable",
                "alerts.suppression.duration", "30min"));
        AlertSuppression own = new AlertSuppression(List.of("host.id"), Duration.ofMinutes(1), false);
        Rule plain = TestRules.rule("plain", "process where true");
        Rule suppressed = TestRules.rule("own", "process where true").withSuppression(own);

        List<Rule> rules = config.alerts().suppressing(List.of(plain, suppressed));

        assertThat(rules.get(0).suppression())
                .isEqualTo(new AlertSuppression(List.of("container.id", "process.executable"), Duration.ofMinutes(30), true));
        assertThat(rules.get(1).suppression()).isEqualTo(own);
        assertThat(JobConfig.of(Map.of()).alerts().suppressing(List.of(plain))).as("none by default").containsExactly(plain);
    }

    @Test
    void theFlagshipJobReadsAsDocumented() {
        JobConfig config = JobConfig.load(Path.of("jobs/netcat-listener"), Map.of());

        assertThat(config.name()).isEqualTo("netcat-listener");
        assertThat(config.ruleFiles()).containsExactly(Path.of("jobs/netcat-listener/rule.toml"));
        assertThat(config.kafka().topics().process()).isEqualTo("ncwatch.process-events");
        assertThat(config.kafka().topics().network()).isEqualTo("ncwatch.network-events");
        assertThat(config.kafka().topics().audit()).as("no audit events unless asked").isEmpty();
        assertThat(config.kafka().topics().alerts()).isEqualTo("ncwatch.alerts");
        assertThat(config.kafka().topics().deadletter()).isEqualTo("ncwatch.deadletter");
        assertThat(config.kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.elasticsearch().alertsIndex()).isEqualTo("logs-ncwatch.alerts-default");
        assertThat(config.elasticsearch().deadLetterIndex()).isEqualTo("logs-ncwatch.deadletter-default");
        assertThat(config.elasticsearch().connection().apiKey()).isNull();
        assertThat(config.eventTime().outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.stateBackend()).isEqualTo("hashmap");
        assertThat(config.maxParallelism()).isEqualTo(128);
        assertThat(config.context().releaseGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.context().ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.context().maxProcesses()).isEqualTo(1024);
        assertThat(config.correlation().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.correlation().listenerRules()).containsExactly("a52a9439-d52c-401c-be37-2785235c6547");
    }

    @Test
    void theContainerRulesJobReadsItsFetchedRulesFolderWithAJobRateLimit() {
        JobConfig config = JobConfig.load(Path.of("jobs/container-rules"), Map.of());

        assertThat(config.name()).isEqualTo("container-rules");
        assertThat(config.ruleFiles()).containsExactly(Path.of("jobs/container-rules/rules"));
        assertThat(config.alerts().maxPerWindow()).isEqualTo(1000);
        assertThat(config.alerts().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.kafka().connection().groupId()).isEqualTo("ncwatch-container-rules");
        assertThat(config.correlation().listenerRules()).containsExactly("a52a9439-d52c-401c-be37-2785235c6547");
    }

    @Test
    void theJobRateLimitIsOffByDefaultAndMustBePositive() {
        assertThat(JobConfig.of(Map.of()).alerts().maxPerWindow()).isNull();
        assertThatThrownBy(() -> JobConfig.of(Map.of("alerts.max-per-window", "0")))
                .hasMessageContaining("alerts.max-per-window must be at least 1, got 0");
    }

    @Test
    void listenerRulesMustBeRulesOfTheJobAndDefaultToAllOfThem() {
        List<Rule> rules = TestEvents.seedRule();
        JobConfig defaults = JobConfig.of(Map.of("correlation.window", "2min"));
        JobConfig unknown = JobConfig.of(Map.of("correlation.listener-rules", "no-such-rule"));

        assertThat(defaults.correlation().window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(JobRules.listenerRules(defaults.correlation(), rules)).containsExactly(TestEvents.SEED_RULE_ID);
        assertThatThrownBy(() -> JobRules.listenerRules(unknown.correlation(), rules))
                .hasMessage("correlation.listener-rules names no-such-rule, which is not a rule of the job");
        assertThatThrownBy(() -> JobConfig.of(Map.of("correlation.window", "0s")))
                .hasMessageContaining("correlation.window must be positive");
    }

    @Test
    void anEmptyFileIsTheDefaults() throws IOException {
        Files.writeString(dir.resolve("job.yaml"), "");

        JobConfig config = JobConfig.load(dir, Map.of());

        assertThat(config).isEqualTo(JobConfig.of(Map.of("rules", dir.resolve("rule.toml").toString())));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().bounded()).isFalse();
        assertThat(config.elasticsearch().connection().url()).isEqualTo("http://localhost:9200");
        assertThat(config.outputs().elasticsearch()).isTrue();
        assertThat(config.outputs().stdout()).isFalse();
        assertThat(config.eventTime().idleness()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void commandLineOptionsOverrideTheFile() {
        JobOptions options = JobOptions.parse(new String[] {
            "--job", "jobs/netcat-listener", "--kafka", "broker:29092", "--process-topic", "proc",
            "--network-topic", "", "--audit-topic", "k8s-audit", "--es", "https://es:9200", "--bounded", "--checkpoint-interval", "2 s",
            "--state-backend", "rocksdb", "--set", "kafka.transaction-timeout=5min", "--print"});

        JobConfig config = JobConfig.load(options.jobDirectory(), options.overrides());

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:29092");
        assertThat(config.kafka().topics().process()).isEqualTo("proc");
        assertThat(config.kafka().topics().network()).isEmpty();
        assertThat(config.kafka().topics().audit()).isEqualTo("k8s-audit");
        assertThat(config.kafka().bounded()).isTrue();
        assertThat(config.kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.elasticsearch().connection().url()).isEqualTo("https://es:9200");
        assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.stateBackend()).isEqualTo("rocksdb");
        assertThat(config.outputs().stdout()).isTrue();
        assertThat(config.kafka().connection().groupId()).isEqualTo("ncwatch-netcat-listener");
    }

    @Test
    void aRuleFileOnTheCommandLineIsRelativeToTheWorkingDirectory() {
        JobOptions options = JobOptions.parse(new String[] {"--rules", "my/rule.toml"});

        JobConfig config = JobConfig.load(Path.of("jobs/netcat-listener"), options.overrides());

        assertThat(config.ruleFiles()).containsExactly(Path.of("my/rule.toml").toAbsolutePath());
    }

    @Test
    void aMappingDecidesHowTheRulesCompareAndIsRelativeToTheJobFolderOrTheWorkingDirectory() throws IOException {
        Files.writeString(dir.resolve("mapping.json"), "{\"properties\": {\"score\": {\"type\": \"double\"}}}");
        Files.writeString(dir.resolve("job.yaml"), "eql:\n  mapping: mapping.json\n");

        assertThat(JobConfig.load(dir, Map.of()).eql().types().of("score").type()).isEqualTo("double");
        assertThat(JobConfig.of(Map.of()).eql()).isEqualTo(EqlOptions.ELASTICSEARCH);
        String fromHere = dir.resolve("mapping.json").toString();
        JobOptions options = JobOptions.parse(new String[] {"--mapping", fromHere});
        assertThat(JobConfig.of(options.overrides()).eql().types().of("score").type()).isEqualTo("double");
    }

    @Test
    void aMappingThatIsNoMappingIsNamed() throws IOException {
        Files.writeString(dir.resolve("mapping.json"), "{\"settings\": {}}");
        Files.writeString(dir.resolve("job.yaml"), "eql:\n  mapping: mapping.json\n");

        assertThatThrownBy(() -> JobConfig.load(dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mapping.json: no mapping properties");
    }

    @Test
    void mistakesAreNamed() throws IOException {
        Files.writeString(dir.resolve("job.yaml"), "kafka:\n  boostrap-servers: x\n");
        assertThatThrownBy(() -> JobConfig.load(dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("boostrap-servers");

        Files.writeString(dir.resolve("job.yaml"), "checkpoints:\n  interval: often\n");
        assertThatThrownBy(() -> JobConfig.load(dir, Map.of()))
                .hasMessageContaining("Could not parse value 'often'")
                .hasMessageContaining("checkpoints.interval");

        assertThatThrownBy(() -> JobConfig.of(Map.of("state-backend", "memory")))
                .hasMessageContaining("hashmap or rocksdb");
        assertThatThrownBy(() -> JobOptions.parse(new String[] {"--kafak", "x"}))
                .hasMessage("unknown option --kafak");
        assertThatThrownBy(() -> JobOptions.parse(new String[] {"--es"}))
                .hasMessage("--es needs a value");
    }
}
