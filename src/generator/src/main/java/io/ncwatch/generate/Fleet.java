package io.ncwatch.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The simulated fleet: clusters, their nodes, and the containers on them. Built from the seed alone. */
final class Fleet {

    /** A Kubernetes cluster and the cloud it runs in; its nodes are named {@code <nodePrefix>-node-NN}. */
    record Cluster(String name, String provider, String region, String nodePrefix) {}

    /** A node: the host every event of its containers names. */
    record Node(Cluster cluster, String name) {}

    private static final List<Cluster> CLUSTERS = List.of(
            new Cluster("prod-eu-1", "aws", "eu-west-1", "eu1"),
            new Cluster("prod-us-1", "aws", "us-east-1", "us1"),
            new Cluster("staging-eu", "gcp", "europe-west1", "stg"));
    private static final double[] CLUSTER_SHARE = {0.45, 0.40, 0.15};
    private static final int CONTAINERS_PER_NODE = 12;
    private static final String POD_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** Names that in-cluster commands use, with the service addresses they resolve to. */
    private static final Map<String, String> SERVICES = Map.of(
            "db", "10.96.14.21",
            "orders-db", "10.96.14.21",
            "redis", "10.96.33.7",
            "api", "10.96.8.120",
            "auth-service", "10.96.8.45",
            "inventory-api", "10.96.9.3",
            "host", "10.96.2.18",
            "kafka", "10.96.40.9");

    final List<FleetContainer> containers;
    private final double[] cumulativeWeight;

    /**
     * @param startingShare the share of containers that start during the run, between {@code start} and
     *     {@code start + startWindow}; the others are running when it begins
     */
    Fleet(int count, long start, long startWindow, double startingShare, Ids ids, SplittableRandom random,
            EventJson json) {
        Map<String, String> deploymentHashes = new HashMap<>();
        Map<String, Integer> ordinals = new HashMap<>();
        containers = new ArrayList<>(count);
        cumulativeWeight = new double[count];
        int[] perCluster = split(count);
        int index = 0;
        for (int c = 0; c < CLUSTERS.size(); c++) {
            Cluster cluster = CLUSTERS.get(c);
            int nodeCount = Math.max(1, (perCluster[c] + CONTAINERS_PER_NODE - 1) / CONTAINERS_PER_NODE);
            List<Node> clusterNodes = new ArrayList<>();
            for (int n = 0; n < nodeCount; n++) {
                clusterNodes.add(new Node(cluster, String.format("%s-node-%02d", cluster.nodePrefix(), n + 1)));
            }
            for (int i = 0; i < perCluster[c]; i++, index++) {
                App app = pickApp(random);
                Node node = clusterNodes.get(random.nextInt(nodeCount));
                String pod = podName(app, cluster, deploymentHashes, ordinals, random);
                String podIp = "10." + (42 + c) + "." + (index / 250) + "." + (2 + index % 250);
                boolean starting = random.nextDouble() < startingShare;
                long createdAt = starting
                        ? start + random.nextLong(Math.max(1, startWindow))
                        : start - 60_000L * (5 + random.nextInt(60 * 24 * 9));
                containers.add(new FleetContainer(index, ids.hex("container", index, 64), app, node, pod, podIp,
                        createdAt, starting, random.nextInt(4) == 0, random.nextBoolean(), ids, json));
                double weight = Math.exp(random.nextDouble(-1.2, 1.2));
                cumulativeWeight[index] = (index == 0 ? 0 : cumulativeWeight[index - 1]) + weight;
            }
        }
    }

    /** A container running at {@code time}, busier containers more often. */
    FleetContainer pick(SplittableRandom random, long time) {
        double x = random.nextDouble(cumulativeWeight[cumulativeWeight.length - 1]);
        int i = java.util.Arrays.binarySearch(cumulativeWeight, x);
        i = i >= 0 ? i + 1 : -i - 1;
        for (int tries = 0; tries < containers.size(); tries++) {
            FleetContainer c = containers.get((i + tries) % containers.size());
            if (c.runningAt(time)) {
                return c;
            }
        }
        throw new IllegalStateException("no container runs at " + time);
    }

    /** The address a service name of the cluster resolves to. */
    static String resolve(String service) {
        String ip = SERVICES.get(service);
        if (ip == null) {
            throw new IllegalArgumentException("no such service in the simulated cluster: " + service);
        }
        return ip;
    }

    private static int[] split(int count) {
        int[] perCluster = new int[CLUSTERS.size()];
        int assigned = 0;
        for (int c = 1; c < perCluster.length; c++) {
            perCluster[c] = (int) Math.floor(count * CLUSTER_SHARE[c]);
            assigned += perCluster[c];
        }
        perCluster[0] = count - assigned;
        return perCluster;
    }

    private static App pickApp(SplittableRandom random) {
        double total = 0;
        for (App app : App.CATALOG) {
            total += appWeight(app);
        }
        double x = random.nextDouble(total);
        for (App app : App.CATALOG) {
            x -= appWeight(app);
            if (x < 0) {
                return app;
            }
        }
        return App.CATALOG.get(App.CATALOG.size() - 1);
    }

    private static double appWeight(App app) {
        return switch (app.kind()) {
            case WEB -> 3;
            case WORKER -> 2.5;
            case STORE, CRON -> 1.5;
            case TOOLBOX -> 1;
        };
    }

    private static String podName(App app, Cluster cluster, Map<String, String> deploymentHashes,
            Map<String, Integer> ordinals, SplittableRandom random) {
        return switch (app.controller()) {
            case "StatefulSet" -> app.name() + "-" + (ordinals.merge(cluster.name() + "/" + app.name(), 1, Integer::sum) - 1);
            case "Job" -> app.name() + "-" + (29_000_000 + random.nextInt(900_000)) + "-" + podId(random, 5);
            default -> app.name() + "-"
                    + deploymentHashes.computeIfAbsent(cluster.name() + "/" + app.name(), k -> podId(random, 10))
                    + "-" + podId(random, 5);
        };
    }

    private static String podId(SplittableRandom random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = POD_ALPHABET.charAt(random.nextInt(POD_ALPHABET.length()));
        }
        return new String(c);
    }
}
