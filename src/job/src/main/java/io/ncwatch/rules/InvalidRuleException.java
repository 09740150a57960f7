package io.ncwatch.rules;

/**
 * A rule whose query Elasticsearch would reject: not valid EQL, or valid syntax that does not compile (an
 * unknown function, a comparison of two fields, a bad regular expression). The message names the rule,
 * where it came from, and the error.
 */
public final class InvalidRuleException extends RuntimeException {

    public InvalidRuleException(Rule rule, RuntimeException cause) {
        super(rule.origin() + ": rule \"" + rule.name() + "\": " + cause.getMessage(), cause);
    }
}
