package io.ncwatch.rules;

import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.eql.runtime.CompiledSequence;
import io.ncwatch.eql.runtime.FieldValues;

/**
 * A sequence rule with its stages compiled against the field slots of the {@link RuleSet} it belongs to.
 *
 * @param exceptions the rule's exception items as one query; null when it has none
 */
public record SequenceRule(Rule rule, CompiledSequence sequence, CompiledQuery exceptions) {

    /**
     * True when an exception item matches the event: it then takes no part in the rule's sequences, as
     * Kibana passes a rule's exceptions to the EQL search as a filter on its events.
     */
    public boolean excepted(FieldValues event) {
        return RuleSet.excepted(exceptions, event);
    }
}
