package io.ncwatch.rules;

import io.ncwatch.eql.runtime.CompiledSequence;

/** A sequence rule with its stages compiled against the field slots of the {@link RuleSet} it belongs to. */
public record SequenceRule(Rule rule, CompiledSequence sequence) {}
