package io.ncwatch.rules;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.record.RuleUpdate;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The rules a job runs while it runs: those of its files, changed by the records of its rules topic.
 * Each stage that judges or describes events by rule receives the topic as Flink broadcast state, kept
 * in checkpoints, and asks this class what the state and the files make of the rules; a stage applies
 * an update between two of its events, so each event is judged by the rules its stage had then.
 */
public final class LiveRules implements Serializable {
    /** Broadcast state: the text of each rule the topic added or replaced, by id; a removed rule's text stays. */
    public static final MapStateDescriptor<String, byte[]> TEXTS =
            new MapStateDescriptor<>("rule-texts", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    /** Broadcast state: the ids the topic removed, rules of the files among them. */
    public static final MapStateDescriptor<String, Boolean> REMOVED =
            new MapStateDescriptor<>("rules-removed", Types.STRING, Types.BOOLEAN);

    private final List<Rule> fromFiles;
    private final EqlOptions eql;

    /** @param fromFiles the rules the job started with, as loaded and checked in the client */
    public LiveRules(List<Rule> fromFiles, EqlOptions eql) {
        this.fromFiles = List.copyOf(fromFiles);
        this.eql = eql;
    }

    /** The rules the job started with. */
    public List<Rule> fromFiles() {
        return fromFiles;
    }

    public EqlOptions eql() {
        return eql;
    }

    /**
     * Why {@code update} cannot be applied, or null when it can: a removal needs only its key; a rule must
     * parse, carry the record's key as its {@code rule_id}, and be an EQL query the job can run.
     */
    public String problem(RuleUpdate update) {
        if (update.ruleId == null || update.ruleId.isEmpty()) {
            return "the record has no key: the rules topic is keyed by rule_id";
        }
        if (update.removes()) {
            return null;
        }
        try {
            Rule rule = parse(update.text, update.toString());
            if (!rule.ruleId().equals(update.ruleId)) {
                return "the record's key " + update.ruleId + " is not the rule's rule_id " + rule.ruleId();
            }
            List<RuleSet.Unsupported> unsupported = RuleSet.compile(List.of(rule), eql).unsupported();
            return unsupported.isEmpty() ? null : "rule \"" + rule.name() + "\" cannot run in the job: " + unsupported.get(0).reason();
        } catch (RuleFileException | InvalidRuleException e) {
            return e.getMessage();
        }
    }

    /**
     * Keeps {@code update} in the broadcast state when it has no {@link #problem}: for the stages that
     * follow the decoder, which dead-letters the others.
     *
     * @return whether the rules changed
     */
    public boolean applyIfValid(RuleUpdate update, BroadcastState<String, byte[]> texts, BroadcastState<String, Boolean> removed)
            throws Exception {
        if (problem(update) != null) {
            return false;
        }
        apply(update, texts, removed);
        return true;
    }

    /** Keeps {@code update}, which {@link #problem} accepted, in the broadcast state. */
    public static void apply(RuleUpdate update, BroadcastState<String, byte[]> texts, BroadcastState<String, Boolean> removed)
            throws Exception {
        if (update.removes()) {
            removed.put(update.ruleId, true);
        } else {
            texts.put(update.ruleId, update.text);
            removed.remove(update.ruleId);
        }
    }

    /**
     * The rules in effect: the files' rules, replaced or removed as the topic said, in their order, then
     * the rules the topic added, by id.
     */
    public List<Rule> current(ReadOnlyBroadcastState<String, byte[]> texts, ReadOnlyBroadcastState<String, Boolean> removed)
            throws Exception {
        Map<String, Rule> versions = lastVersions(texts);
        List<Rule> current = new ArrayList<>(versions.size());
        for (Rule rule : versions.values()) {
            if (!removed.contains(rule.ruleId())) {
                current.add(rule);
            }
        }
        return current;
    }

    /**
     * The last version of every rule the job has had, removed ones too, by id: what an alert of a rule
     * describes, though the rule went away while its detection was on its way.
     */
    public Map<String, Rule> lastVersions(ReadOnlyBroadcastState<String, byte[]> texts) throws Exception {
        Map<String, Rule> versions = new LinkedHashMap<>();
        fromFiles.forEach(rule -> versions.put(rule.ruleId(), rule));
        Map<String, byte[]> byId = new TreeMap<>();
        for (Map.Entry<String, byte[]> text : texts.immutableEntries()) {
            byId.put(text.getKey(), text.getValue());
        }
        byId.forEach((id, text) -> versions.put(id, parse(text, "the rules topic (rule " + id + ")")));
        return versions;
    }

    private static Rule parse(byte[] text, String where) {
        return RuleFiles.parse(new String(text, StandardCharsets.UTF_8), where);
    }
}
