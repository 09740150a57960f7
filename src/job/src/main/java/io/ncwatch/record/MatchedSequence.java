package io.ncwatch.record;

/** The events of a sequence rule's match, under one value of its join keys. A Flink POJO. */
public class MatchedSequence {
    /** The join key values as text, in the rule's order; null for an absent optional key. */
    public String[] joinKeys;
    /** The members, first stage first. */
    public SequenceEvent[] events;
    /** The index of the rule's stage each member fills, parallel to {@link #events}. */
    public int[] stages;

    public MatchedSequence() {}

    public MatchedSequence(String[] joinKeys, SequenceEvent[] events, int[] stages) {
        this.joinKeys = joinKeys;
        this.events = events;
        this.stages = stages;
    }
}
