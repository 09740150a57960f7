package io.ncwatch.rules;

import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.eql.runtime.FieldValues;

/**
 * A rule with its query compiled against the field slots of the {@link RuleSet} it belongs to.
 *
 * @param exceptions the rule's exception items as one query (see {@link ExceptionQuery}); null when it has none
 */
public record CompiledRule(Rule rule, CompiledQuery query, CompiledQuery exceptions) {

    /** The rule's verdict: its query matches and no exception item does, as Kibana applies exceptions. */
    public boolean matches(FieldValues event) {
        return query.matches(event) && !RuleSet.excepted(exceptions, event);
    }
}
