package io.ncwatch.reliability;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alerts found in one output against the ground truth: what a user checks after a fault.
 *
 * @param output where they were read ("Elasticsearch", "Kafka read_committed")
 * @param expected alerts the ground truth holds
 * @param found expected alerts present at least once
 * @param missing expected alerts absent
 * @param unexpected alert ids present that the ground truth does not hold
 * @param doubled copies beyond the first, over all ids
 */
record AlertTally(String output, int expected, int found, Set<String> missing, Set<String> unexpected, long doubled) {

    /** @param copies alert id to the number of copies in the output */
    static AlertTally of(String output, Set<String> expected, Map<String, Long> copies) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(copies.keySet());
        Set<String> unexpected = new TreeSet<>(copies.keySet());
        unexpected.removeAll(expected);
        long doubled = copies.values().stream().mapToLong(n -> n - 1).sum();
        return new AlertTally(output, expected.size(), expected.size() - missing.size(), missing, unexpected, doubled);
    }

    /** Exactly once: every expected alert, nothing else, no copies. */
    boolean exact() {
        return missing.isEmpty() && unexpected.isEmpty() && doubled == 0;
    }

    @Override
    public String toString() {
        return output + ": alerts expected " + expected + ", found " + found + ", missing " + missing.size()
                + ", unexpected " + unexpected.size() + ", doubled " + doubled
                + (exact() ? "" : " (missing " + first(missing) + ", unexpected " + first(unexpected) + ")");
    }

    private static String first(Set<String> ids) {
        return ids.stream().limit(5).toList().toString();
    }
}
