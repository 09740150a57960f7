package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.generate.ExpectedSequence.Behaviour;
import io.ncwatch.generate.GeneratedTraffic.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The sequence scenarios, each played once in a small fleet. For each behaviour the test finds the chain
 * in the delivered events by what the behaviour reads and checks its conditions one by one: a scenario
 * meets them all and the ground truth lists the chain, with its join keys and member ids in order; a
 * near miss breaks exactly one and the ground truth lists nothing for it.
 */
class SequenceScenarioTest {
    private static final Set<String> WATCHED_FOLDERS = Set.of("/tmp", "/var/tmp", "/dev/shm");
    private static final Set<String> SHELLS = Set.of("bash", "sh", "dash", "ash", "zsh", "busybox");
    private static final Set<String> PACKAGE_MANAGERS = Set.of("apt", "apt-get", "dnf", "yum", "apk", "rpm", "dpkg");
    private static final String TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    private static final String POD_NAME = "kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name";

    @Test
    void aDownloadRunThenDeletedWithinTenSecondsIsAnIngressTransfer() {
        GeneratedTraffic traffic = play(Scenario.INGRESS_TRANSFER);
        Chain chain = ingressChain(traffic);

        assertThat(chain.conditions).allSatisfy((name, met) -> assertThat(met).as(name).isTrue());
        Event created = chain.events.get(0);
        assertThat(traffic.result.sequences()).containsExactly(new ExpectedSequence(Behaviour.INGRESS_TRANSFER,
                created.containerId(), List.of(created.containerId(), created.text("user.id"), created.text("file.name")),
                ids(chain.events)));
    }

    @Test
    void aDownloadDeletedAfterTenSecondsBreaksOnlyTheSpan() {
        GeneratedTraffic traffic = play(Scenario.INGRESS_TRANSFER_SLOW);

        assertThat(broken(ingressChain(traffic))).containsExactly("within 10 s");
        assertThat(traffic.result.sequences()).isEmpty();
    }

    @Test
    void aDownloadThatStaysOnDiskBreaksOnlyTheDeletion() {
        GeneratedTraffic traffic = play(Scenario.INGRESS_TRANSFER_KEPT);

        assertThat(broken(ingressChain(traffic))).containsExactly("deleted");
        assertThat(traffic.result.sequences()).isEmpty();
    }

    @Test
    void aFileWrittenThenRunWithinThreeSecondsIsAFileExec() {
        GeneratedTraffic traffic = play(Scenario.FILE_EXEC);
        Chain chain = fileExecChain(traffic);

        assertThat(chain.conditions).allSatisfy((name, met) -> assertThat(met).as(name).isTrue());
        Event created = chain.events.get(0);
        assertThat(traffic.result.sequences()).containsExactly(new ExpectedSequence(Behaviour.FILE_EXEC,
                created.containerId(), List.of(created.containerId(), created.text("user.id"), created.text("file.path")),
                ids(chain.events)));
    }

    @Test
    void aFileRunLaterThanThreeSecondsBreaksOnlyTheSpan() {
        GeneratedTraffic traffic = play(Scenario.FILE_EXEC_SLOW);

        assertThat(broken(fileExecChain(traffic))).containsExactly("within 3 s");
        assertThat(traffic.result.sequences()).isEmpty();
    }

    @Test
    void aFileRunByAnotherUserBreaksOnlyTheUser() {
        GeneratedTraffic traffic = play(Scenario.FILE_EXEC_OTHER_USER);

        assertThat(broken(fileExecChain(traffic))).containsExactly("same user");
        assertThat(traffic.result.sequences()).isEmpty();
    }

    @Test
    void aTokenReadThenAnApiRequestOfThePodIsATokenUseAndAnInteractiveRequest() {
        GeneratedTraffic traffic = play(Scenario.TOKEN_API);
        Chain token = tokenChain(traffic);
        Chain interactive = interactiveRequestChain(traffic);

        assertThat(token.conditions).allSatisfy((name, met) -> assertThat(met).as(name).isTrue());
        assertThat(interactive.conditions).allSatisfy((name, met) -> assertThat(met).as(name).isTrue());
        Event opened = token.events.get(0);
        List<String> pod = List.of(opened.text("orchestrator.resource.name"));
        assertThat(traffic.result.sequences()).containsExactly(
                new ExpectedSequence(Behaviour.TOKEN_API, opened.containerId(), pod, ids(token.events)),
                new ExpectedSequence(Behaviour.INTERACTIVE_API_REQUEST, opened.containerId(), pod,
                        ids(interactive.events)));
    }

    @Test
    void anApiRequestLaterThanSixtySecondsBreaksOnlyTheTokenSpan() {
        GeneratedTraffic traffic = play(Scenario.TOKEN_API_SLOW);

        assertThat(broken(tokenChain(traffic))).containsExactly("within 60 s");
        assertThat(broken(interactiveRequestChain(traffic))).isEmpty();
        assertThat(traffic.result.sequences()).extracting(ExpectedSequence::behaviour)
                .containsExactly(Behaviour.INTERACTIVE_API_REQUEST);
    }

    @Test
    void anApiRequestFromAnotherPodBreaksOnlyThePod() {
        GeneratedTraffic traffic = play(Scenario.TOKEN_API_OTHER_POD);

        assertThat(broken(tokenChain(traffic))).containsExactly("same pod");
        assertThat(broken(interactiveRequestChain(traffic))).containsExactly("same pod");
        assertThat(traffic.result.sequences()).isEmpty();
    }

    @Test
    void fileEventsTravelWithTheProcessEventsAndAuditEventsAreKeyedByPod() {
        GeneratedTraffic traffic = play(Scenario.TOKEN_API);

        Event opened = only(traffic.events, e -> e.kind() == EventKind.FILE);
        Event request = only(traffic.events, e -> e.kind() == EventKind.AUDIT);
        assertThat(EventKind.FILE.defaultTopic()).isEqualTo(EventKind.PROCESS.defaultTopic());
        assertThat(opened.key()).isEqualTo(opened.containerId());
        assertThat(opened.text("data_stream.dataset")).isEqualTo("cloud_defend.file");
        assertThat(request.key()).isEqualTo(request.text(POD_NAME));
        assertThat(request.field("container.id").isMissingNode()).isTrue();
        assertThat(traffic.result.fileEvents()).isEqualTo(1);
        assertThat(traffic.result.auditEvents()).isEqualTo(1);
    }

    @Test
    void theSameSeedGivesTheSameEventsAndSequences() {
        GeneratedTraffic first = play(Scenario.INGRESS_TRANSFER, Scenario.FILE_EXEC, Scenario.TOKEN_API);
        GeneratedTraffic second = play(Scenario.INGRESS_TRANSFER, Scenario.FILE_EXEC, Scenario.TOKEN_API);

        assertThat(second.events).extracting(e -> new String(e.bytes()))
                .containsExactlyElementsOf(first.events.stream().map(e -> new String(e.bytes())).toList());
        assertThat(second.result.sequences()).isEqualTo(first.result.sequences()).hasSize(4);
    }

    @Test
    void anAttackRateWithoutScenariosPlaysOnlyNetcatAttacks() {
        GeneratedTraffic traffic = GeneratedTraffic.of(FleetOptions.builder()
                .seed(5).containers(20).events(20_000).rate(50).attackRate(0.05).build());

        assertThat(traffic.result.maliciousEvents()).isPositive();
        assertThat(traffic.events).noneMatch(e -> e.kind() == EventKind.FILE || e.kind() == EventKind.AUDIT);
        assertThat(traffic.result.sequences()).isEmpty();
    }

    /** Events of one behaviour found in the traffic, and whether each of its conditions holds. */
    private record Chain(List<Event> events, Map<String, Boolean> conditions) {}

    /** A download tool creates a file, a shell runs a program of its name, something other than rm deletes it. */
    private static Chain ingressChain(GeneratedTraffic traffic) {
        List<Event> container = attacked(traffic);
        Event created = only(container, e -> e.action().equals("creation"));
        String name = created.text("file.name");
        Event run = only(container, e -> e.action().equals("exec") && e.text("process.name").equals(name));
        List<Event> deletions = container.stream()
                .filter(e -> e.action().equals("deletion") && e.text("file.name").equals(name))
                .toList();
        Event deleted = deletions.isEmpty() ? null : deletions.get(0);
        List<Event> chain = deleted == null ? List.of(created, run) : List.of(created, run, deleted);
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        conditions.put("created by a download tool", Set.of("curl", "wget").contains(created.text("process.name")));
        conditions.put("in a watched folder", WATCHED_FOLDERS.contains(created.text("file.directory")));
        conditions.put("run from a shell", SHELLS.contains(run.text("process.parent.name")));
        conditions.put("deleted", deleted != null && !deleted.text("process.name").equals("rm"));
        conditions.put("same user", sameValue(chain, "user.id"));
        conditions.put("in order", inOrder(chain));
        conditions.put("within 10 s", span(chain) <= 10_000);
        return new Chain(chain, conditions);
    }

    /** A file created outside package managers, then a process whose executable is that file. */
    private static Chain fileExecChain(GeneratedTraffic traffic) {
        List<Event> container = attacked(traffic);
        Event created = only(container, e -> e.action().equals("creation"));
        Event run = only(container, e -> e.action().equals("exec")
                && e.text("process.executable").equals(created.text("file.path")));
        List<Event> chain = List.of(created, run);
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        conditions.put("typed creation", created.field("event.type").toString().equals("[\"creation\"]"));
        conditions.put("in a watched folder", WATCHED_FOLDERS.contains(created.text("file.directory")));
        conditions.put("not by a package manager", !PACKAGE_MANAGERS.contains(created.text("process.name")));
        conditions.put("same user", sameValue(chain, "user.id"));
        conditions.put("in order", inOrder(chain));
        conditions.put("within 3 s", span(chain) <= 3_000);
        return new Chain(chain, conditions);
    }

    /** An interactive open of the service account token, then an API request by the token's pod. */
    private static Chain tokenChain(GeneratedTraffic traffic) {
        Event opened = only(attacked(traffic), e -> e.action().equals("open"));
        Event request = only(traffic.events, e -> e.kind() == EventKind.AUDIT);
        List<Event> chain = List.of(opened, request);
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        conditions.put("the token", opened.text("file.path").equals(TOKEN));
        conditions.put("opened", opened.field("event.type").toString().equals("[\"change\"]"));
        conditions.put("interactively", opened.field("process.interactive").asBoolean());
        conditions.putAll(requestConditions(opened, request));
        conditions.put("within 60 s", span(chain) <= 60_000);
        return new Chain(chain, conditions);
    }

    /**
     * An interactive curl starts (the application's own curl runs are not interactive), then the API
     * server logs a request of its pod.
     */
    private static Chain interactiveRequestChain(GeneratedTraffic traffic) {
        Event curl = only(attacked(traffic), e -> e.action().equals("exec") && e.text("process.name").equals("curl")
                && e.field("process.interactive").asBoolean());
        Event request = only(traffic.events, e -> e.kind() == EventKind.AUDIT);
        List<Event> chain = List.of(curl, request);
        Map<String, Boolean> conditions = new LinkedHashMap<>(requestConditions(curl, request));
        conditions.put("within 1 s", span(chain) <= 1_000);
        return new Chain(chain, conditions);
    }

    private static Map<String, Boolean> requestConditions(Event first, Event request) {
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        conditions.put("a completed API request", request.text("data_stream.dataset").equals("kubernetes.audit_logs")
                && request.text("kubernetes.audit.stage").equals("ResponseComplete"));
        conditions.put("same pod", request.text(POD_NAME).equals(first.text("orchestrator.resource.name")));
        conditions.put("in order", inOrder(List.of(first, request)));
        return conditions;
    }

    /** The events of the one container a scenario attacked: the one with file events. */
    private static List<Event> attacked(GeneratedTraffic traffic) {
        return traffic.ofContainer(only(traffic.events, e -> e.kind() == EventKind.FILE
                && !e.action().equals("deletion")).containerId());
    }

    private static Event only(List<Event> events, Predicate<Event> which) {
        List<Event> found = events.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> broken(Chain chain) {
        return chain.conditions.entrySet().stream().filter(c -> !c.getValue()).map(Map.Entry::getKey).toList();
    }

    private static boolean sameValue(List<Event> chain, String field) {
        return chain.stream().map(e -> e.text(field)).distinct().count() == 1;
    }

    private static boolean inOrder(List<Event> chain) {
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).timestampMillis() <= chain.get(i - 1).timestampMillis()) {
                return false;
            }
        }
        return true;
    }

    private static long span(List<Event> chain) {
        return chain.get(chain.size() - 1).timestampMillis() - chain.get(0).timestampMillis();
    }

    private static List<String> ids(List<Event> chain) {
        return chain.stream().map(Event::id).toList();
    }

    private static GeneratedTraffic play(Scenario... scenarios) {
        return GeneratedTraffic.of(FleetOptions.builder()
                .seed(11).containers(30).events(4_000).rate(12).scenarios(scenarios).build());
    }
}
