package io.ncwatch.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * A deterministic mix of Elastic Defend for Containers process events (about 1.4 KB each, nested and
 * dotted keys mixed as real documents have them): ordinary commands, and at fixed positions one
 * netcat listener in 1,000, one {@code nc -z} health check in 100, and one event in 2,000 (listeners
 * included) whose netcat name is written with JSON escapes.
 */
public final class ProcessEventMix {

    /** What one position of the mix holds. */
    enum Kind { ORDINARY, HEALTH_CHECK, LISTENER }

    private record Command(String name, String executable, List<String> args) {}

    private static final List<Command> ORDINARY = List.of(
            new Command("sh", "/bin/sh", List.of("sh", "-c", "/usr/local/bin/healthcheck.sh")),
            new Command("python3", "/usr/bin/python3", List.of("python3", "manage.py", "migrate", "--noinput")),
            new Command("curl", "/usr/bin/curl", List.of("curl", "-s", "-o", "/dev/null", "http://localhost:8080/healthz")),
            new Command("ls", "/bin/ls", List.of("ls", "-la", "/tmp")),
            new Command("cat", "/bin/cat", List.of("cat", "/etc/resolv.conf")),
            new Command("java", "/usr/bin/java", List.of("java", "-Xmx512m", "-jar", "/app/app.jar")),
            new Command("node", "/usr/local/bin/node", List.of("node", "server.js")),
            new Command("nginx", "/usr/sbin/nginx", List.of("nginx", "-g", "daemon off;")),
            new Command("ps", "/bin/ps", List.of("ps", "aux")),
            new Command("grep", "/bin/grep", List.of("grep", "-c", "ERROR", "/var/log/app.log")),
            new Command("sleep", "/bin/sleep", List.of("sleep", "30")),
            new Command("psql", "/usr/bin/psql", List.of("psql", "-h", "db", "-U", "app", "-c", "select 1")),
            new Command("tar", "/bin/tar", List.of("tar", "-czf", "/backup/data.tgz", "/data")),
            new Command("pip", "/usr/local/bin/pip", List.of("pip", "install", "-r", "requirements.txt")),
            new Command("wget", "/usr/bin/wget", List.of("wget", "-q", "https://artifacts.example/app.tgz")),
            new Command("find", "/usr/bin/find", List.of("find", "/app/logs", "-name", "*.log", "-mtime", "+7", "-delete")),
            new Command("date", "/bin/date", List.of("date", "+%s")),
            new Command("bash", "/bin/bash", List.of("bash", "-c", "echo ready")));

    private static final List<Command> HEALTH_CHECKS = List.of(
            new Command("nc", "/usr/bin/nc", List.of("nc", "-z", "db", "5432")),
            new Command("nc", "/usr/bin/nc", List.of("nc", "-zv", "redis", "6379")),
            new Command("ncat", "/usr/bin/ncat", List.of("ncat", "-z", "-w", "2", "kafka", "9092")));

    private static final List<Command> LISTENERS = List.of(
            new Command("nc", "/usr/bin/nc", List.of("nc", "-lvnp", "4444")),
            new Command("ncat", "/usr/bin/ncat", List.of("ncat", "--listen", "-p", "9001", "-e", "/bin/sh")),
            new Command("netcat", "/bin/netcat", List.of("netcat", "-l", "-p", "1337")),
            new Command("busybox", "/bin/busybox", List.of("busybox", "nc", "-lp", "31337", "-e", "sh")),
            new Command("netcat.openbsd", "/bin/nc.openbsd", List.of("nc", "-l", "8080")));

    private static final String[] SHELLS = {"bash", "sh", "dash"};
    private static final String[] IMAGES = {"registry.example/payments-api", "registry.example/checkout", "nginx",
        "redis", "registry.example/orders-worker", "python", "node", "registry.example/auth"};
    private static final String[] NAMESPACES = {"payments", "shop", "platform", "auth", "default"};
    private static final String[] ACTIONS = {"exec", "exec", "exec", "fork", "end"};
    private static final long START = Instant.parse("2026-11-28T06:00:00Z").toEpochMilli();

    private ProcessEventMix() {}

    /** What position {@code i} of every mix holds. */
    static Kind kindAt(int i) {
        return i % 1000 == 999 ? Kind.LISTENER : i % 100 == 50 ? Kind.HEALTH_CHECK : Kind.ORDINARY;
    }

    /** Whether the netcat name of position {@code i} is written with JSON escapes. */
    static boolean escapedAt(int i) {
        return i % 2000 == 999 || i % 2000 == 1050;
    }

    /** {@code count} events, the same for the same seed. */
    public static List<byte[]> events(long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Command command = switch (kindAt(i)) {
                case LISTENER -> LISTENERS.get((i / 1000) % LISTENERS.size());
                case HEALTH_CHECK -> pick(random, HEALTH_CHECKS);
                case ORDINARY -> pick(random, ORDINARY);
            };
            String json = event(random, i, kindAt(i) == Kind.ORDINARY ? ACTIONS[random.nextInt(ACTIONS.length)] : "exec", command);
            events.add((escapedAt(i) ? escapeNetcat(json) : json).getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    private static String event(Random random, int i, String action, Command command) {
        int container = random.nextInt(40);
        String containerId = String.format("%016x%04x", container * 0x9e3779b97f4aL, container);
        String image = IMAGES[container % IMAGES.length];
        String namespace = NAMESPACES[container % NAMESPACES.length];
        String shell = SHELLS[random.nextInt(SHELLS.length)];
        int pid = 1000 + random.nextInt(60000);
        int parentPid = pid - 1 - random.nextInt(50);
        String time = Instant.ofEpochMilli(START + i * 7L + random.nextInt(7)).toString();
        boolean dotted = random.nextBoolean();
        StringBuilder json = new StringBuilder(1600);
        json.append("{\"@timestamp\":\"").append(time).append('"')
                .append(",\"event\":{\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"")
                .append(action.equals("end") ? "end" : "start").append("\"],\"action\":\"").append(action)
                .append("\",\"id\":\"").append(new UUID(random.nextLong(), random.nextLong()))
                .append("\",\"module\":\"cloud_defend\",\"dataset\":\"cloud_defend.process\",\"ingested\":\"").append(time).append("\"}")
                .append(",\"process\":{\"entity_id\":\"").append(entityId(random)).append("\",\"pid\":").append(pid)
                .append(",\"name\":\"").append(command.name()).append("\",\"executable\":\"").append(command.executable())
                .append("\",\"args\":").append(array(command.args())).append(",\"args_count\":").append(command.args().size())
                .append(",\"command_line\":\"").append(String.join(" ", command.args()))
                .append("\",\"interactive\":").append(random.nextInt(10) == 0)
                .append(",\"working_directory\":\"/app\",\"start\":\"").append(time).append('"')
                .append(",\"parent\":{\"entity_id\":\"").append(entityId(random)).append("\",\"pid\":").append(parentPid)
                .append(",\"name\":\"").append(shell).append("\",\"executable\":\"/bin/").append(shell)
                .append("\",\"args\":[\"").append(shell).append("\"],\"interactive\":false}")
                .append(",\"session_leader\":{\"entity_id\":\"").append(entityId(random)).append("\",\"pid\":").append(parentPid)
                .append(",\"name\":\"").append(shell).append("\"}")
                .append(",\"entry_leader\":{\"entity_id\":\"").append(entityId(random)).append("\",\"pid\":1,\"name\":\"containerd-shim\"")
                .append(dotted ? ",\"entry_meta.type\":\"container\"}" : ",\"entry_meta\":{\"type\":\"container\"}}")
                .append(",\"user\":{\"id\":").append(random.nextInt(4) == 0 ? 0 : 1000).append("},\"group\":{\"id\":0}}");
        if (dotted) {
            json.append(",\"container\":{\"id\":\"").append(containerId).append("\",\"image.name\":\"").append(image)
                    .append("\",\"image.tag\":[\"1.").append(container % 7).append(".2\"]}")
                    .append(",\"orchestrator\":{\"cluster\":{\"name\":\"prod-eu-1\"},\"namespace\":\"").append(namespace)
                    .append("\",\"resource.name\":\"").append(namespace).append("-7d9f8c6b5-").append(container)
                    .append("\",\"resource.type\":\"pod\"}");
        } else {
            json.append(",\"container\":{\"id\":\"").append(containerId).append("\",\"image\":{\"name\":\"").append(image)
                    .append("\",\"tag\":[\"1.").append(container % 7).append(".2\"]}}")
                    .append(",\"orchestrator\":{\"cluster\":{\"name\":\"prod-eu-1\"},\"namespace\":\"").append(namespace)
                    .append("\",\"resource\":{\"name\":\"").append(namespace).append("-7d9f8c6b5-").append(container)
                    .append("\",\"type\":\"pod\"}}");
        }
        json.append(",\"host\":{\"name\":\"node-").append(container % 12).append("\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.1.0-27-cloud-amd64\"}}")
                .append(",\"cloud\":{\"provider\":\"aws\",\"region\":\"eu-west-1\"}")
                .append(",\"cloud_defend\":{\"hook_point\":[\"tracepoint__sched_process_exec\"]}")
                .append(",\"data_stream\":{\"type\":\"logs\",\"dataset\":\"cloud_defend.process\",\"namespace\":\"default\"}")
                .append(",\"ecs\":{\"version\":\"8.10.0\"}}");
        return json.toString();
    }

    /** Writes the netcat names as {@code \u006e...}: the bytes no longer show them, the decoded values do. */
    private static String escapeNetcat(String json) {
        return json.replaceAll("\"n(?=(c|cat|etcat)[\".])", Matcher.quoteReplacement("\"\\u006e"));
    }

    private static String array(List<String> values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }

    private static String entityId(Random random) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
