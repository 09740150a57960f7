package io.ncwatch.record;

/**
 * A record of the rules topic: a rule to add or replace, or the id of one to remove. A Flink POJO.
 */
public class RuleUpdate {
    /** The record's key: the id of the rule it adds, replaces or removes. */
    public String ruleId;
    /** The rule as a detection-rules TOML document or as JSON (a line of a Kibana export); null removes the rule. */
    public byte[] text;
    public String topic;
    public int partition;
    public long offset;

    public RuleUpdate() {}

    public RuleUpdate(String ruleId, byte[] text, String topic, int partition, long offset) {
        this.ruleId = ruleId;
        this.text = text;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public boolean removes() {
        return text == null;
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset + " (rule " + ruleId + ")";
    }
}
