package io.ncwatch.rules;

import io.ncwatch.eql.EqlSyntaxException;

/** A rule whose query is not valid EQL; the message names the rule, where it came from, and the error. */
public final class InvalidRuleException extends RuntimeException {

    public InvalidRuleException(Rule rule, EqlSyntaxException cause) {
        super(rule.origin() + ": rule \"" + rule.name() + "\": " + cause.getMessage(), cause);
    }
}
