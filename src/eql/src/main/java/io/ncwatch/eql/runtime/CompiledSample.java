package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EQL {@code sample by k1, k2 [filter] [filter] ...} compiled for a bounded input: per combination of
 * join key values, one event for each filter, all distinct, in any order of time. {@link #hits} tells
 * what one event is to the sample; a {@link SampleCollector} gathers them and builds the samples.
 */
public final class CompiledSample extends CompiledStages {

    /** @param stages the filters, at least two, each with its join keys (the query's, then its own) */
    public CompiledSample(List<SequenceStage> stages) {
        super(stages, stages);
        if (stages.size() < 2) {
            throw new IllegalArgumentException("a sample has at least two filters");
        }
    }

    /**
     * One hit per distinct join key under which the event matches a filter (never {@code until}); as
     * {@link CompiledSequence#hits} for absent and multi-valued keys.
     */
    public List<SequenceHit> hits(FieldValues event) {
        Map<List<Object>, List<Integer>> stagesByKey = matchedByKey(event);
        List<SequenceHit> hits = new ArrayList<>(stagesByKey.size());
        stagesByKey.forEach((key, matched) -> hits.add(new SequenceHit(key, matched, false)));
        return hits;
    }

    /**
     * A collector that builds up to {@code maxSamplesPerKey} samples per join key, as Elasticsearch's
     * {@code max_samples_per_key} (default 1).
     */
    public <T> SampleCollector<T> collector(int maxSamplesPerKey) {
        return new SampleCollector<>(stages().size(), maxSamplesPerKey);
    }
}
