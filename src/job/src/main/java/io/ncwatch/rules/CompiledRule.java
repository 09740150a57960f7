package io.ncwatch.rules;

import io.ncwatch.eql.runtime.CompiledQuery;

/** A rule with its query compiled against the field slots of the {@link RuleSet} it belongs to. */
public record CompiledRule(Rule rule, CompiledQuery query) {}
