package io.ncwatch.reliability;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/** The job's metrics as a MiniCluster reports them (kept after the job ends), summed over subtasks. */
final class JobMetrics {
    private final InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();

    /** FLINK with this reporter added: the MiniCluster's configuration. */
    Configuration addTo(Configuration flink) {
        return reporter.addToConfiguration(flink);
    }

    /** The sum over every subtask of the counters or number gauges whose name ends with {@code .NAME}. */
    long sum(JobID job, String name) {
        long sum = 0;
        for (Map.Entry<String, Metric> metric : metrics(job).entrySet()) {
            if (metric.getKey().endsWith("." + name)) {
                sum += value(metric.getValue());
            }
        }
        return sum;
    }

    /** The largest value of the metrics named {@code .NAME}, over every subtask. */
    long max(JobID job, String name) {
        long max = 0;
        for (Map.Entry<String, Metric> metric : metrics(job).entrySet()) {
            if (metric.getKey().endsWith("." + name)) {
                max = Math.max(max, value(metric.getValue()));
            }
        }
        return max;
    }

    /** Metric name (the part after {@code .GROUP.}) to its sum over subtasks, for the metrics of GROUP. */
    Map<String, Long> group(JobID job, String group) {
        Map<String, Long> sums = new TreeMap<>();
        for (Map.Entry<String, Metric> metric : metrics(job).entrySet()) {
            int at = metric.getKey().indexOf("." + group + ".");
            if (at >= 0) {
                sums.merge(metric.getKey().substring(at + group.length() + 2), value(metric.getValue()), Long::sum);
            }
        }
        return sums;
    }

    /** Identifier to metric, for the metrics of JOB. */
    private Map<String, Metric> metrics(JobID job) {
        Map<String, Metric> metrics = new HashMap<>();
        reporter.getMetricsByGroup().forEach((group, byName) -> {
            if (job.toString().equals(group.getAllVariables().get("<job_id>"))) {
                byName.forEach((name, metric) -> metrics.put(group.getMetricIdentifier(name), metric));
            }
        });
        return metrics;
    }

    private static long value(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getCount();
        }
        if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
            return number.longValue();
        }
        return 0;
    }
}
