package io.ncwatch.decode;

import io.ncwatch.eql.runtime.Needle;
import io.ncwatch.eql.runtime.SequenceHit;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Judges a decoded event by the stages of the sequence rules that may take it and makes a
 * {@link SequenceEvent} per (rule, join key value) it matches; an event a rule's exceptions match takes no
 * part in that rule. Which rules may take it, the raw-byte
 * prefilter tells first, with the needles of every rule whose stages all have needles at once: an event in
 * which none occurs costs one scan of its bytes, however many such rules the job runs, and is judged by none
 * of them. A rule with a stage that has no needles ({@code process where event.action == "exec"}:
 * categorization values filter nothing) is judged for every event, but no longer turns the filter off for
 * the others. (The filter knows up to 63 distinct needles; beyond, every rule is judged for every event.)
 */
public final class SequenceEvents {
    /** Reason of a dead letter whose join key holds several values, which Elasticsearch refuses. */
    static final String ARRAY_JOIN_KEY = "ARRAY_JOIN_KEY";

    private final List<SequenceRule> rules;
    /** The rules a stage of which has no needles, in rule order. */
    private final List<SequenceRule> unfiltered;
    /** The needles of all the other rules. */
    private final RawPrefilter prefilter;

    public SequenceEvents(RuleSet ruleSet) {
        this.rules = ruleSet.sequences();
        List<SequenceRule> unfiltered = new ArrayList<>();
        List<Needle> needles = new ArrayList<>();
        for (SequenceRule rule : rules) {
            if (rule.sequence().requiredText().isEmpty()) {
                unfiltered.add(rule);
            } else {
                needles.addAll(rule.sequence().requiredText());
            }
        }
        this.unfiltered = List.copyOf(unfiltered);
        this.prefilter = new RawPrefilter(needles);
    }

    /**
     * The sequence rules that may take the event whose raw JSON is {@code json}, in rule order: empty when
     * none can, and then it need not be {@link #judge judged}.
     */
    public List<SequenceRule> candidates(byte[] json) {
        if (unfiltered.size() == rules.size() || !prefilter.mayMatch(json, 0, json.length)) {
            return unfiltered;
        }
        return rules;
    }

    /**
     * @param candidates the rules to judge it by, from {@link #candidates}
     * @param eventId the event's {@code event.id}, or null
     * @param out takes a record per (rule, join key value) the event matches a stage or {@code until} under
     * @param refused takes the reason and detail for each rule that cannot judge the event
     */
    public void judge(List<SequenceRule> candidates, RawEvent raw, DecodedEvent event, String eventId,
            Consumer<SequenceEvent> out, BiConsumer<String, String> refused) {
        for (SequenceRule rule : candidates) {
            List<SequenceHit> hits;
            try {
                hits = rule.sequence().hits(event);
            } catch (IllegalArgumentException e) {
                refused.accept(ARRAY_JOIN_KEY, "sequence rule " + rule.rule().ruleId() + ": " + e.getMessage());
                continue;
            }
            if (!hits.isEmpty() && rule.excepted(event)) {
                continue;
            }
            for (SequenceHit hit : hits) {
                out.accept(record(rule.rule().ruleId(), hit, raw, event.timestampMillis(), eventId));
            }
        }
    }

    private static SequenceEvent record(String ruleId, SequenceHit hit, RawEvent raw, long timestamp, String eventId) {
        SequenceEvent record = new SequenceEvent();
        record.ruleId = ruleId;
        record.joinKeys = hit.joinKey().stream().map(value -> value == null ? null : value.toString()).toArray(String[]::new);
        record.key = SequenceEvent.keyOf(ruleId, record.joinKeys);
        record.stages = hit.stages().stream().mapToInt(Integer::intValue).toArray();
        record.until = hit.until();
        record.timestamp = timestamp;
        record.eventId = eventId;
        record.topic = raw.topic;
        record.partition = raw.partition;
        record.offset = raw.offset;
        record.raw = raw.json;
        return record;
    }
}
