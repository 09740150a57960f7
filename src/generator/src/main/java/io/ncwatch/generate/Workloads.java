package io.ncwatch.generate;

import java.util.List;

/**
 * The ordinary activity of a fleet: requests, probes, children of the main process, cron runs,
 * package installs, interactive sessions, and netcat used harmlessly.
 */
final class Workloads {

    /** One kind of ordinary episode. */
    enum Workload {
        REQUEST(true),
        OUTBOUND(true),
        PROBE(false),
        CHILD(false),
        PREFORK(false),
        CRON(false),
        PACKAGE(false),
        INTERACTIVE(false),
        NETCAT_CHECK(false),
        RUNTIME_TASK(false),
        FETCH(false),
        NETCAT_SOURCE_PORT(false);

        /** Produces network events only: left out when the run has none. */
        final boolean networkOnly;

        Workload(boolean networkOnly) {
            this.networkOnly = networkOnly;
        }
    }

    /** Outside addresses ordinary traffic reaches: documentation ranges, never an attacker's. */
    private static final List<String> EXTERNAL = List.of("192.0.2.10", "192.0.2.44", "192.0.2.87", "192.0.2.130");
    /** Source ports a harmless {@code nc -p} binds: never a service's port, never an attack scenario's. */
    static final int SOURCE_PORT_MIN = 40_000;
    static final int SOURCE_PORT_SPAN = 20_000;

    private final boolean network;

    Workloads(boolean network) {
        this.network = network;
    }

    /** Plans one episode of ordinary activity in {@code e}'s container. */
    void plan(Episode e) {
        Workload w = choose(e);
        switch (w) {
            case REQUEST -> request(e);
            case OUTBOUND -> outbound(e);
            case PROBE -> probe(e);
            case CHILD -> child(e);
            case PREFORK -> prefork(e);
            case CRON -> cron(e);
            case PACKAGE -> packageInstall(e);
            case INTERACTIVE -> interactive(e);
            case NETCAT_CHECK -> netcatCheck(e);
            case RUNTIME_TASK -> runtimeTask(e);
            case FETCH -> fetch(e);
            case NETCAT_SOURCE_PORT -> netcatSourcePort(e);
        }
    }

    /** The start of a container that starts during the run: its init, its main process, its workers. */
    static void containerStart(Episode e) {
        FleetContainer c = e.container;
        if (c.init != null) {
            e.exec(c.init);
            e.pause(2, 6);
        }
        e.exec(c.main);
        if (prefork(c.app)) {
            e.pause(200, 900);
            for (int i = 0; i < 2; i++) {
                e.fork(c.main);
            }
        }
    }

    private Workload choose(Episode e) {
        App app = e.container.app;
        double total = 0;
        for (Workload w : Workload.values()) {
            total += weight(app, w);
        }
        double x = e.random.nextDouble(total);
        for (Workload w : Workload.values()) {
            x -= weight(app, w);
            if (x < 0) {
                return w;
            }
        }
        return Workload.PROBE;
    }

    private double weight(App app, Workload w) {
        if (w.networkOnly && !network) {
            return 0;
        }
        if (w == Workload.PREFORK && !prefork(app)) {
            return 0;
        }
        return switch (app.kind()) {
            case WEB -> switch (w) {
                case REQUEST -> 6;
                case OUTBOUND -> 3;
                case PROBE -> 10;
                case CHILD -> 5;
                case PREFORK -> 2;
                case RUNTIME_TASK, FETCH -> 2;
                case NETCAT_CHECK -> 1;
                case INTERACTIVE -> 0.5;
                case PACKAGE -> 0.3;
                case NETCAT_SOURCE_PORT -> 0.002;
                case CRON -> 0;
            };
            case WORKER -> switch (w) {
                case OUTBOUND -> 5;
                case PROBE -> 10;
                case CHILD -> 8;
                case RUNTIME_TASK -> 4;
                case NETCAT_CHECK -> 2;
                case FETCH -> 3;
                case INTERACTIVE -> 0.5;
                case PACKAGE -> 0.3;
                case NETCAT_SOURCE_PORT -> 0.002;
                case REQUEST, PREFORK, CRON -> 0;
            };
            case CRON -> switch (w) {
                case CRON -> 30;
                case FETCH -> 3;
                case NETCAT_CHECK -> 1.5;
                case INTERACTIVE -> 0.3;
                case NETCAT_SOURCE_PORT -> 0.002;
                default -> 0;
            };
            case STORE -> switch (w) {
                case REQUEST -> 5;
                case PROBE -> 12;
                case INTERACTIVE -> 0.5;
                case NETCAT_SOURCE_PORT -> 0.002;
                default -> 0;
            };
            case TOOLBOX -> switch (w) {
                case INTERACTIVE -> 20;
                case NETCAT_CHECK -> 4;
                case PACKAGE, FETCH -> 6;
                case PROBE -> 4;
                case NETCAT_SOURCE_PORT -> 0.05;
                default -> 0;
            };
        };
    }

    private static boolean prefork(App app) {
        return app.runtime() == App.Runtime.NGINX
                || (app.runtime() == App.Runtime.PYTHON && app.kind() == App.Kind.WEB);
    }

    private static void request(Episode e) {
        FleetContainer c = e.container;
        int requests = 1 + e.random.nextInt(3);
        for (int i = 0; i < requests; i++) {
            String peer = "10." + (42 + e.random.nextInt(3)) + "." + e.random.nextInt(8) + "." + (2 + e.random.nextInt(250));
            NetworkEvent connection = e.accepted(c.main, peer, c.app.port());
            e.pause(3, 900);
            e.disconnect(connection);
            e.pause(0, 300);
        }
    }

    private static void outbound(Episode e) {
        FleetContainer c = e.container;
        String[] target = switch (c.app.namespace()) {
            case "payments", "orders" -> e.random.nextBoolean() ? new String[] {"db", "5432"} : new String[] {"redis", "6379"};
            case "checkout", "web" -> new String[] {"api", "8080"};
            case "catalog" -> new String[] {"inventory-api", "8080"};
            case "notifications", "ml" -> new String[] {"kafka", "9092"};
            default -> new String[] {"auth-service", "9000"};
        };
        String ip = e.random.nextInt(5) == 0 ? e.pick(EXTERNAL) : Fleet.resolve(target[0]);
        int port = ip.startsWith("192.0.2.") ? 443 : Integer.parseInt(target[1]);
        NetworkEvent connection = e.attempted(c.main, ip, port);
        e.pause(5, 2_000);
        e.disconnect(connection);
    }

    private static void probe(Episode e) {
        FleetContainer c = e.container;
        App app = c.app;
        Command probe = switch (app.runtime()) {
            case JAVA -> Command.of("/usr/bin/wget", "wget", "-q", "-O-", "http://127.0.0.1:" + app.port() + "/actuator/health");
            case NODE -> app.port() == 0
                    ? Command.of("/bin/sh", "sh", "-c", "pgrep -f dist/worker.js > /dev/null")
                    : Command.of("/usr/local/bin/node", "node", "-e",
                            "require('http').get('http://127.0.0.1:" + app.port() + "/health',r=>process.exit(r.statusCode===200?0:1))");
            case PYTHON -> app.port() == 0
                    ? Command.of("/usr/local/bin/celery", "celery", "-A", "ledger", "inspect", "ping", "-d", "celery@" + c.podName)
                    : Command.of("/usr/bin/curl", "curl", "-fsS", "http://127.0.0.1:" + app.port() + "/healthz");
            case GO -> Command.of("/bin/grpc_health_probe", "/bin/grpc_health_probe", "-addr=:" + app.port());
            case NGINX -> Command.of("/usr/bin/curl", "curl", "-fs", "http://localhost/nginx-health");
            case REDIS -> Command.of("/usr/local/bin/redis-cli", "redis-cli", "ping");
            case POSTGRES -> Command.of("/usr/lib/postgresql/16/bin/pg_isready", "pg_isready", "-U", "postgres", "-h", "127.0.0.1");
            case SHELL -> Command.of("/bin/cat", "cat", "/tmp/healthy");
        };
        ProcessEvent exec = e.execEntered(probe, false, app.userId(), app.workingDirectory());
        if (probe.name().equals("sh")) {
            e.pause(1, 4);
            ProcessEvent pgrep = e.exec(exec.process, Command.of("/usr/bin/pgrep", "pgrep", "-f", "dist/worker.js"));
            e.pause(5, 40);
            e.end(pgrep.process, 0);
        }
        e.pause(5, 250);
        e.end(exec.process, 0);
    }

    private static void child(Episode e) {
        FleetContainer c = e.container;
        Command[] shellAndChild = switch (c.app.runtime()) {
            case JAVA -> new Command[] {Command.of("/bin/sh", "/bin/sh", "-c", "df -Pk /tmp | tail -1"),
                    Command.of("/bin/df", "df", "-Pk", "/tmp")};
            case PYTHON -> new Command[] {
                    Command.of("/bin/sh", "/bin/sh", "-c", "convert /tmp/upload-" + e.random.nextInt(99_999)
                            + ".png -resize 512x512 /tmp/thumb.png && rm -f /tmp/upload-*.png"),
                    Command.of("/usr/bin/convert", "convert", "/tmp/upload.png", "-resize", "512x512", "/tmp/thumb.png")};
            case NODE -> new Command[] {Command.of("/bin/sh", "/bin/sh", "-c", "git rev-parse --short HEAD 2>/dev/null || echo unknown"),
                    Command.of("/usr/bin/git", "git", "rev-parse", "--short", "HEAD")};
            default -> new Command[] {Command.of("/bin/sh", "/bin/sh", "-c", "cat /proc/loadavg; date -u"),
                    Command.of("/bin/date", "date", "-u")};
        };
        ProcessEvent shell = e.exec(c.main, shellAndChild[0]);
        e.pause(1, 5);
        ProcessEvent child = e.exec(shell.process, shellAndChild[1]);
        e.pause(3, 400);
        e.end(child.process, 0);
        e.pause(0, 3);
        e.end(shell.process, 0);
    }

    private static void prefork(Episode e) {
        SimProcess worker = e.fork(e.container.main);
        if (e.random.nextBoolean()) {
            e.pause(1_000, 20_000);
            e.end(worker, 0);
        }
    }

    private static void cron(Episode e) {
        FleetContainer c = e.container;
        SimProcess script = c.main;
        boolean backup = c.app.name().equals("db-backup");
        ProcessEvent date = e.exec(script, Command.of("/bin/date", "date", "+%F"));
        e.pause(1, 5);
        e.end(date.process, 0);
        Command dump = backup
                ? Command.of("/usr/lib/postgresql/16/bin/pg_dump", "pg_dump", "-h", "db", "-U", "backup", "-Fc", "orders")
                : Command.of("/usr/bin/psql", "psql", "-h", "db", "-U", "reporter", "-d", "orders", "-f",
                        "/opt/reports/sql/daily-revenue.sql", "-o", "/tmp/report.csv");
        ProcessEvent dumpExec = e.exec(script, dump);
        NetworkEvent db = e.attempted(dumpExec.process, Fleet.resolve("db"), 5432);
        e.pause(200, 8_000);
        e.disconnect(db);
        e.end(dumpExec.process, 0);
        ProcessEvent gzip = e.exec(script, Command.of("/bin/gzip", "gzip", "-9", backup ? "/backup/orders.dump" : "/tmp/report.csv"));
        e.pause(50, 2_000);
        e.end(gzip.process, 0);
        ProcessEvent upload = e.exec(script, Command.of("/usr/local/bin/aws", "aws", "s3", "cp",
                backup ? "/backup/orders.dump.gz" : "/tmp/report.csv.gz",
                backup ? "s3://orders-backups-prod/nightly/" : "s3://reports-prod/daily/"));
        NetworkEvent s3 = e.attempted(upload.process, e.pick(EXTERNAL), 443);
        e.pause(300, 3_000);
        e.disconnect(s3);
        e.end(upload.process, 0);
    }

    private static void packageInstall(Episode e) {
        FleetContainer c = e.container;
        int variant = e.random.nextInt(4);
        ProcessEvent shell = e.execEntered(Command.of("/bin/sh", "sh", "-c", switch (variant) {
            case 0 -> "apt-get update && apt-get install -y --no-install-recommends jq";
            case 1 -> "apk add --no-cache curl";
            case 2 -> "pip install --no-cache-dir requests==2.32.3";
            default -> "npm ci --omit=dev";
        }), false, 0, c.app.workingDirectory());
        e.pause(2, 10);
        Command tool = switch (variant) {
            case 0 -> Command.of("/usr/bin/apt-get", "apt-get", "update");
            case 1 -> Command.of("/sbin/apk", "apk", "add", "--no-cache", "curl");
            case 2 -> Command.of("/usr/local/bin/python3.11", "/usr/local/bin/python3", "/usr/local/bin/pip", "install",
                    "--no-cache-dir", "requests==2.32.3");
            default -> Command.of("/usr/local/bin/node", "npm", "ci", "--omit=dev");
        };
        ProcessEvent install = e.exec(shell.process, tool);
        if (variant == 0) {
            e.pause(5, 30);
            ProcessEvent method = e.exec(install.process, Command.of("/usr/lib/apt/methods/http", "/usr/lib/apt/methods/http"));
            NetworkEvent mirror = e.attempted(method.process, "192.0.2.200", 80);
            e.pause(500, 4_000);
            e.disconnect(mirror);
            e.end(method.process, 0);
        } else {
            NetworkEvent registry = e.attempted(install.process, "192.0.2.201", 443);
            e.pause(500, 6_000);
            e.disconnect(registry);
        }
        e.end(install.process, 0);
        e.pause(0, 3);
        e.end(shell.process, 0);
    }

    private static final List<Command> SESSION_COMMANDS = List.of(
            Command.of("/bin/ls", "ls", "-la"),
            Command.of("/bin/cat", "cat", "/etc/os-release"),
            Command.of("/bin/ps", "ps", "aux"),
            Command.of("/usr/bin/env", "env"),
            Command.of("/bin/df", "df", "-h"),
            Command.of("/usr/bin/top", "top", "-b", "-n", "1"),
            Command.of("/usr/bin/tail", "tail", "-n", "200", "/var/log/app/app.log"),
            Command.of("/bin/hostname", "hostname", "-i"),
            Command.of("/usr/bin/free", "free", "-m"));

    private static void interactive(Episode e) {
        FleetContainer c = e.container;
        ProcessEvent bash = e.execEntered(Command.of("/bin/bash", "bash"), true, 0, c.app.workingDirectory());
        int commands = 2 + e.random.nextInt(5);
        for (int i = 0; i < commands; i++) {
            e.pause(1_500, 20_000);
            Command command = e.pick(SESSION_COMMANDS);
            ProcessEvent run = e.random.nextInt(3) == 0
                    ? e.forkThenExec(bash.process, command)
                    : e.execJob(bash.process, command);
            e.pause(5, 900);
            e.end(run.process, 0);
        }
        e.pause(1_000, 10_000);
        e.end(bash.process, 0);
    }

    private static void netcatCheck(Episode e) {
        FleetContainer c = e.container;
        switch (e.random.nextInt(5)) {
            case 0 -> {
                ProcessEvent wait = e.exec(c.main, Command.of("/bin/sh", "sh", "-c", "until nc -z db 5432; do sleep 1; done"));
                e.pause(1, 4);
                checkNetcat(e, wait.process, "db", 5432, "nc", "-z", "db", "5432");
                e.end(wait.process, 0);
            }
            case 1 -> {
                ProcessEvent nc = e.execEntered(Command.of("/usr/bin/nc", "nc", "-vz", "redis", "6379"), false,
                        c.app.userId(), c.app.workingDirectory());
                NetworkEvent connection = e.attempted(nc.process, Fleet.resolve("redis"), 6379);
                e.pause(1, 30);
                e.disconnect(connection);
                e.end(nc.process, 0);
            }
            case 2 -> {
                ProcessEvent sh = e.exec(c.main, Command.of("/bin/sh", "sh", "-c", "echo ping | nc host 80"));
                e.pause(1, 4);
                checkNetcat(e, sh.process, "host", 80, "nc", "host", "80");
                e.end(sh.process, 0);
            }
            case 3 -> {
                ProcessEvent sh = e.exec(c.main, Command.of("/bin/sh", "sh", "-c", "nc -zv -w 2 api 8080 || exit 1"));
                e.pause(1, 4);
                checkNetcat(e, sh.process, "api", 8080, "nc", "-zv", "-w", "2", "api", "8080");
                e.end(sh.process, 0);
            }
            default -> {
                ProcessEvent nc = e.exec(c.main, Command.of("/usr/bin/nc", "nc", "-z", "-w", "3", "kafka", "9092"));
                NetworkEvent connection = e.attempted(nc.process, Fleet.resolve("kafka"), 9092);
                e.pause(1, 30);
                e.disconnect(connection);
                e.end(nc.process, 0);
            }
        }
    }

    private static void checkNetcat(Episode e, SimProcess parent, String service, int port, String... args) {
        ProcessEvent nc = e.exec(parent, Command.of("/usr/bin/nc", args));
        NetworkEvent connection = e.attempted(nc.process, Fleet.resolve(service), port);
        e.pause(1, 30);
        e.disconnect(connection);
        e.end(nc.process, 0);
        e.pause(0, 3);
    }

    private static void runtimeTask(Episode e) {
        FleetContainer c = e.container;
        Command task = switch (c.app.runtime()) {
            case PYTHON -> Command.of("/usr/local/bin/python3.11", "python", "manage.py", "clearsessions");
            case NODE -> Command.of("/usr/local/bin/node", "node", "scripts/warm-cache.js", "--limit", "500");
            case JAVA -> Command.of("/opt/java/openjdk/bin/java", "java", "-jar", "/app/tools/migrate.jar", "--dry-run");
            default -> Command.of("/bin/sh", "sh", "-c", "find /tmp -type f -mmin +60 -delete");
        };
        ProcessEvent run = e.execEntered(task, false, c.app.userId(), c.app.workingDirectory());
        NetworkEvent connection = e.attempted(run.process, Fleet.resolve(e.random.nextBoolean() ? "db" : "redis"),
                e.random.nextBoolean() ? 5432 : 6379);
        e.pause(100, 5_000);
        e.disconnect(connection);
        e.end(run.process, 0);
    }

    private static void fetch(Episode e) {
        FleetContainer c = e.container;
        Command command = e.random.nextBoolean()
                ? Command.of("/usr/bin/curl", "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                        "https://api.partner.example/v2/status")
                : Command.of("/usr/bin/wget", "wget", "-q", "-O", "/tmp/geoip.tar.gz",
                        "https://downloads.example.org/geoip/latest.tar.gz");
        ProcessEvent run = c.app.kind() == App.Kind.CRON
                ? e.exec(c.main, command)
                : e.execEntered(command, false, c.app.userId(), c.app.workingDirectory());
        NetworkEvent connection = e.attempted(run.process, e.pick(EXTERNAL), 443);
        e.pause(50, 3_000);
        e.disconnect(connection);
        e.end(run.process, 0);
    }

    /** {@code nc -p PORT host 80}: harmless, yet the seed rule matches it ({@code -p} is its source port). */
    private static void netcatSourcePort(Episode e) {
        FleetContainer c = e.container;
        int sourcePort;
        do {
            sourcePort = SOURCE_PORT_MIN + e.random.nextInt(SOURCE_PORT_SPAN);
        } while (!c.claimListenerPort(sourcePort));
        String port = Integer.toString(sourcePort);
        ProcessEvent nc = e.execEntered(Command.listener(sourcePort, "/usr/bin/nc", "nc", "-p", port, "host", "80"),
                false, c.app.userId(), c.app.workingDirectory());
        NetworkEvent connection = e.attempted(nc.process, Fleet.resolve("host"), 80, sourcePort);
        e.pause(20, 2_000);
        e.disconnect(connection);
        e.end(nc.process, 0);
    }
}
