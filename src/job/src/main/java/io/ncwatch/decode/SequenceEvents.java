package io.ncwatch.decode;

import io.ncwatch.eql.runtime.SequenceHit;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Judges a decoded event by the stages of every sequence rule and makes a {@link SequenceEvent} per
 * (rule, join key value) it matches; an event a rule's exceptions match takes no part in that rule. The raw-byte prefilter comes first, with the needles of all
 * sequences at once: an event in which none occurs costs one scan of its bytes, however many sequence
 * rules the job runs (the filter knows up to 63 distinct needles and any stage without needles, such as
 * {@code any where true}, disables it; then every event is judged by every stage).
 */
final class SequenceEvents {
    /** Reason of a dead letter whose join key holds several values, which Elasticsearch refuses. */
    static final String ARRAY_JOIN_KEY = "ARRAY_JOIN_KEY";

    private final List<SequenceRule> rules;
    private final RawPrefilter prefilter;

    SequenceEvents(RuleSet ruleSet) {
        this.rules = ruleSet.sequences();
        this.prefilter = new RawPrefilter(ruleSet.sequenceRequiredText());
    }

    /** False when no sequence rule can take the event: it then need not be {@link #judge judged}. */
    boolean mayMatter(RawEvent raw) {
        return !rules.isEmpty() && prefilter.mayMatch(raw.json, 0, raw.json.length);
    }

    /**
     * @param eventId the event's {@code event.id}, or null
     * @param out takes a record per (rule, join key value) the event matches a stage or {@code until} under
     * @param refused takes the reason and detail for each rule that cannot judge the event
     */
    void judge(RawEvent raw, DecodedEvent event, String eventId, Consumer<SequenceEvent> out,
            BiConsumer<String, String> refused) {
        for (SequenceRule rule : rules) {
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
