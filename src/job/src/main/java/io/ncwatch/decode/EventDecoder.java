package io.ncwatch.decode;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.rules.Judgements;
import io.ncwatch.rules.RuleSet;

/**
 * The decode step for one event: an event whose raw bytes rule out every rule ({@link RawPrefilter}) is
 * not judged, and only the per-container stages' fields are read, by the {@link RawScanDecoder}; the
 * others are decoded fully by the {@link EcsDecoder} and judged. Both give the same values, so an event
 * that the prefilter lets through for nothing ends up the same either way.
 */
public final class EventDecoder {
    private final RuleSet ruleSet;
    private final ContainerEventFields fields;
    private final RawPrefilter prefilter;
    private final EcsDecoder decoder;
    private final RawScanDecoder scanner;
    private final Judgements judgements;

    public EventDecoder(RuleSet ruleSet, DecodeLimits limits) {
        this(ruleSet, limits, Judgements.IGNORED);
    }

    /** {@code judgements}: hears each rule's verdict on each event judged. */
    public EventDecoder(RuleSet ruleSet, DecodeLimits limits, Judgements judgements) {
        this.ruleSet = ruleSet;
        this.judgements = judgements;
        this.fields = new ContainerEventFields(ruleSet.slots());
        this.prefilter = new RawPrefilter(ruleSet.requiredText());
        this.decoder = new EcsDecoder(ruleSet.slots(), ruleSet.nullValues(), limits);
        this.scanner = new RawScanDecoder(ruleSet.slots(), ruleSet.nullValues(), limits);
    }

    /**
     * Fills {@code into}'s fields and the rules it matched (not its coordinates) from {@code json}.
     *
     * @param decodeFully decode the whole event even when no rule may match it (a sequence stage may)
     * @return the fully decoded event, or null when only the per-container stages' fields were read
     */
    public DecodedEvent decode(byte[] json, ContainerEvent into, boolean decodeFully)
            throws MalformedEventException, ContainerEventFields.WrongTypeException {
        boolean judged = prefilter.mayMatch(json, 0, json.length);
        if (!judged && !decodeFully) {
            fields.copy(scanner.decode(json, 0, json.length), into);
            return null;
        }
        DecodedEvent event = decoder.decode(json, 0, json.length);
        fields.copy(event, into);
        if (judged) {
            into.matchedRules = ruleSet.matching(event, judgements);
        }
        return event;
    }
}
