package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the events of a {@link CompiledSample} and builds its samples, as Elasticsearch does: per join
 * key, the first events (in the order given) that match each filter, at most filters x
 * maxSamplesPerKey per filter (the size of Elasticsearch's per-filter query); a sample takes one
 * distinct event per filter, preferring earlier ones; the samples come in ascending join key order
 * (Elasticsearch's composite aggregation order, an absent optional key first). Memory grows with the
 * number of join keys, as Elasticsearch's aggregation does.
 */
public final class SampleCollector<T> {
    private static final Comparator<List<Object>> KEY_ORDER = SampleCollector::compareKeys;

    private final int filters;
    private final int maxSamplesPerKey;
    private final int candidatesPerFilter;
    /** Per join key, per filter, the first events it matched, by arrival number. */
    private final Map<List<Object>, List<List<Candidate<T>>>> candidates = new HashMap<>();
    private long arrived;

    private record Candidate<T>(long arrival, T payload) {}

    SampleCollector(int filters, int maxSamplesPerKey) {
        if (maxSamplesPerKey < 1) {
            throw new IllegalArgumentException("max samples per key must be at least 1, got " + maxSamplesPerKey);
        }
        this.filters = filters;
        this.maxSamplesPerKey = maxSamplesPerKey;
        this.candidatesPerFilter = filters * maxSamplesPerKey;
    }

    /** Takes the event that gave {@code hit}. */
    public void accept(SequenceHit hit, T payload) {
        Candidate<T> candidate = new Candidate<>(arrived++, payload);
        List<List<Candidate<T>>> byFilter = candidates.computeIfAbsent(hit.joinKey(), key -> {
            List<List<Candidate<T>>> lists = new ArrayList<>(filters);
            for (int i = 0; i < filters; i++) {
                lists.add(new ArrayList<>());
            }
            return lists;
        });
        for (int filter : hit.stages()) {
            if (byFilter.get(filter).size() < candidatesPerFilter) {
                byFilter.get(filter).add(candidate);
            }
        }
    }

    /** The samples of everything accepted, in join key order. */
    public List<Sample<T>> samples() {
        List<Sample<T>> samples = new ArrayList<>();
        candidates.keySet().stream().sorted(KEY_ORDER).forEach(key -> {
            List<List<Candidate<T>>> byFilter = candidates.get(key);
            for (int n = 0; n < maxSamplesPerKey; n++) {
                List<Candidate<T>> chosen = new ArrayList<>(filters);
                if (!choose(byFilter, chosen)) {
                    break;
                }
                byFilter.forEach(list -> list.removeAll(chosen));
                samples.add(new Sample<>(key, chosen.stream().map(Candidate::payload).toList()));
            }
        });
        return samples;
    }

    /** Fills {@code chosen} with one distinct event per filter from the next filter on, earliest first. */
    private boolean choose(List<List<Candidate<T>>> byFilter, List<Candidate<T>> chosen) {
        if (chosen.size() == filters) {
            return true;
        }
        for (Candidate<T> candidate : byFilter.get(chosen.size())) {
            if (!chosen.contains(candidate)) {
                chosen.add(candidate);
                if (choose(byFilter, chosen)) {
                    return true;
                }
                chosen.remove(chosen.size() - 1);
            }
        }
        return false;
    }

    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** An absent optional key first, as a composite aggregation's missing bucket. */
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ValueOrder.compare(a, b);
    }
}
