package io.ncwatch.record;

/**
 * An event that matched a stage (or the {@code until}) of a sequence rule, under one value of the rule's
 * join keys: what the decoder hands to the sequence stage, keyed by {@link #key}. An event whose stages
 * join on different values (per-stage {@code by}) becomes one record per value. A Flink POJO.
 */
public class SequenceEvent {
    public String ruleId;
    /** The rule id and the join key values: the sequence stage's key (see {@link #keyOf}). */
    public String key;
    /** The join key values as text, in the rule's order; null for an absent optional key. */
    public String[] joinKeys;
    /** Indexes of the rule's stages the event matches under these join keys, ascending. */
    public int[] stages;
    /** Whether the event matches the rule's {@code until} condition under these join keys. */
    public boolean until;

    /** {@code @timestamp}, epoch milliseconds. */
    public long timestamp;
    public String eventId;
    public String topic;
    public int partition;
    public long offset;
    /** The event as received: the alert copies the fields its members share from it. */
    public byte[] raw;

    public SequenceEvent() {}

    /**
     * The key of a rule's state for one value of its join keys. A rule without join keys has one key, its
     * id: all its events meet in one place, as in Elasticsearch, where such a sequence spans every event.
     */
    public static String keyOf(String ruleId, String[] joinKeys) {
        // Each part after its length, so that no two lists of parts make the same key; "-" for an absent value.
        StringBuilder key = new StringBuilder().append(ruleId.length()).append(':').append(ruleId);
        for (String value : joinKeys) {
            key.append(' ').append(value == null ? "-" : value.length() + ":" + value);
        }
        return key.toString();
    }

    /** The rule id a {@link #keyOf key} begins with. */
    public static String ruleIdOf(String key) {
        int colon = key.indexOf(':');
        int length = Integer.parseInt(key.substring(0, colon));
        return key.substring(colon + 1, colon + 1 + length);
    }
}
