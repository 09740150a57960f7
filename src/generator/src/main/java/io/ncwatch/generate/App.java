package io.ncwatch.generate;

import java.util.List;

/**
 * What a container runs: its image, its main process and the kind of work it does, which decides the
 * ordinary activity the generator gives it.
 *
 * @param init the init process the image starts first (tini, dumb-init), or null: the main process is it
 * @param port the port it serves, or 0
 * @param controller the kind of the pod's owner: ReplicaSet, StatefulSet, Job, DaemonSet
 */
record App(
        String name,
        String namespace,
        Kind kind,
        Runtime runtime,
        String image,
        String tag,
        Command init,
        Command main,
        String workingDirectory,
        int userId,
        int port,
        String controller) {

    enum Kind {
        /** Serves requests on its port. */
        WEB,
        /** Consumes a queue, calls other services. */
        WORKER,
        /** Runs scheduled scripts. */
        CRON,
        /** A database or cache. */
        STORE,
        /** A toolbox people exec into. */
        TOOLBOX
    }

    enum Runtime {
        JAVA,
        NODE,
        PYTHON,
        GO,
        NGINX,
        REDIS,
        POSTGRES,
        SHELL
    }

    private static final Command TINI = Command.of("/usr/bin/tini", "/usr/bin/tini", "--");
    private static final Command DUMB_INIT = Command.of("/usr/bin/dumb-init", "/usr/bin/dumb-init", "--");

    /** The applications of the simulated fleet. */
    static final List<App> CATALOG = List.of(
            new App("payments-api", "payments", Kind.WEB, Runtime.JAVA,
                    "registry.example/payments-api", "1.14.2", TINI,
                    Command.of("/opt/java/openjdk/bin/java", "java", "-Xms256m", "-Xmx768m", "-XX:+UseG1GC",
                            "-jar", "/app/payments-api.jar", "--spring.profiles.active=prod"),
                    "/app", 1000, 8080, "ReplicaSet"),
            new App("inventory-api", "catalog", Kind.WEB, Runtime.JAVA,
                    "registry.example/inventory-api", "4.1.0", null,
                    Command.of("/opt/java/openjdk/bin/java", "java", "-XX:MaxRAMPercentage=75",
                            "-cp", "/app/resources:/app/classes:/app/libs/*", "com.example.inventory.Application"),
                    "/app", 1001, 8080, "ReplicaSet"),
            new App("checkout-web", "checkout", Kind.WEB, Runtime.NODE,
                    "registry.example/checkout-web", "3.2.0", DUMB_INIT,
                    Command.of("/usr/local/bin/node", "node", "--enable-source-maps", "server.js"),
                    "/usr/src/app", 1000, 3000, "ReplicaSet"),
            new App("cart-service", "checkout", Kind.WEB, Runtime.PYTHON,
                    "registry.example/cart-service", "2.7.1", null,
                    Command.of("/usr/local/bin/python3.11", "/usr/local/bin/python3", "/usr/local/bin/gunicorn",
                            "--workers", "4", "--bind", "0.0.0.0:8000", "cart.wsgi:application"),
                    "/srv/cart", 10001, 8000, "ReplicaSet"),
            new App("model-server", "ml", Kind.WEB, Runtime.PYTHON,
                    "registry.example/model-server", "0.31.0", TINI,
                    Command.of("/usr/local/bin/python3.11", "python", "-m", "uvicorn", "serve:app",
                            "--host", "0.0.0.0", "--port", "8080", "--workers", "2"),
                    "/srv", 1000, 8080, "ReplicaSet"),
            new App("frontend", "web", Kind.WEB, Runtime.NGINX,
                    "docker.io/library/nginx", "1.27.3-alpine", null,
                    Command.of("/usr/sbin/nginx", "nginx", "-g", "daemon off;"),
                    "/", 0, 80, "ReplicaSet"),
            new App("auth-service", "identity", Kind.WEB, Runtime.GO,
                    "registry.example/auth-service", "5.0.3", null,
                    Command.of("/auth-service", "/auth-service", "--config", "/etc/auth/config.yaml"),
                    "/", 65532, 9000, "ReplicaSet"),
            new App("prometheus", "monitoring", Kind.WEB, Runtime.GO,
                    "quay.io/prometheus/prometheus", "v2.54.1", null,
                    Command.of("/bin/prometheus", "/bin/prometheus", "--config.file=/etc/prometheus/prometheus.yml",
                            "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention.time=15d"),
                    "/prometheus", 65534, 9090, "StatefulSet"),
            new App("session-store", "identity", Kind.STORE, Runtime.REDIS,
                    "docker.io/library/redis", "7.2.5-alpine", null,
                    Command.of("/usr/local/bin/redis-server", "redis-server", "*:6379", "--appendonly", "yes"),
                    "/data", 999, 6379, "StatefulSet"),
            new App("orders-db", "orders", Kind.STORE, Runtime.POSTGRES,
                    "docker.io/library/postgres", "16.4", null,
                    Command.of("/usr/lib/postgresql/16/bin/postgres", "postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"),
                    "/var/lib/postgresql/data", 999, 5432, "StatefulSet"),
            new App("ledger-worker", "payments", Kind.WORKER, Runtime.PYTHON,
                    "registry.example/ledger-worker", "1.14.2", TINI,
                    Command.of("/usr/local/bin/python3.11", "/usr/local/bin/python3", "-m", "celery", "-A", "ledger",
                            "worker", "--loglevel=INFO", "--concurrency=2"),
                    "/app", 1000, 0, "ReplicaSet"),
            new App("email-worker", "notifications", Kind.WORKER, Runtime.NODE,
                    "registry.example/email-worker", "0.9.8", DUMB_INIT,
                    Command.of("/usr/local/bin/node", "node", "dist/worker.js"),
                    "/home/node/app", 1000, 0, "ReplicaSet"),
            new App("search-indexer", "catalog", Kind.WORKER, Runtime.JAVA,
                    "registry.example/search-indexer", "2.3.9", null,
                    Command.of("/opt/java/openjdk/bin/java", "java", "-Xmx1g", "-jar", "/opt/indexer/indexer.jar"),
                    "/opt/indexer", 1000, 0, "ReplicaSet"),
            new App("report-cron", "batch", Kind.CRON, Runtime.SHELL,
                    "registry.example/report-cron", "2026.11.1", null,
                    Command.of("/bin/bash", "/bin/bash", "/usr/local/bin/run-reports.sh"),
                    "/opt/reports", 0, 0, "Job"),
            new App("db-backup", "orders", Kind.CRON, Runtime.SHELL,
                    "registry.example/db-backup", "1.6.0", null,
                    Command.of("/bin/sh", "/bin/sh", "/usr/local/bin/backup.sh"),
                    "/backup", 999, 0, "Job"),
            new App("toolbox", "platform", Kind.TOOLBOX, Runtime.SHELL,
                    "registry.example/toolbox", "1.3.0", null,
                    Command.of("/bin/sleep", "sleep", "infinity"),
                    "/root", 0, 0, "ReplicaSet"));
}
