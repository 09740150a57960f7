package io.ncwatch.eql.parser;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The functions of Elasticsearch's EQL, with the number of arguments each takes and whether it has a
 * case-insensitive form ({@code startsWith~}). Names are matched without case, as Elasticsearch does.
 */
public enum EqlFunction {
    ADD("add", 2, 2, false),
    BETWEEN("between", 3, 4, true),
    CIDR_MATCH("cidrMatch", 2, Integer.MAX_VALUE, false),
    CONCAT("concat", 1, Integer.MAX_VALUE, false),
    DIVIDE("divide", 2, 2, false),
    ENDS_WITH("endsWith", 2, 2, true),
    INDEX_OF("indexOf", 2, 3, true),
    LENGTH("length", 1, 1, false),
    MODULO("modulo", 2, 2, false),
    MULTIPLY("multiply", 2, 2, false),
    NUMBER("number", 1, 2, false),
    STARTS_WITH("startsWith", 2, 2, true),
    STRING("string", 1, 1, false),
    STRING_CONTAINS("stringContains", 2, 2, true),
    SUBSTRING("substring", 2, 3, false),
    SUBTRACT("subtract", 2, 2, false);

    private static final Map<String, EqlFunction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(f -> f.name.toLowerCase(Locale.ROOT), Function.identity()));

    /** The name as Elastic's documentation spells it; {@link io.ncwatch.eql.parser.ast.Expr.Call} carries this. */
    public final String name;
    public final int minArgs;
    public final int maxArgs;
    public final boolean hasCaseInsensitiveForm;

    EqlFunction(String name, int minArgs, int maxArgs, boolean hasCaseInsensitiveForm) {
        this.name = name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.hasCaseInsensitiveForm = hasCaseInsensitiveForm;
    }

    /** The function called {@code name} in any case, or null when EQL has no such function. */
    public static EqlFunction named(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a call is a condition of its own, as Elasticsearch types it; the others compute values. */
    public boolean returnsBoolean() {
        return this == CIDR_MATCH || this == ENDS_WITH || this == STARTS_WITH || this == STRING_CONTAINS;
    }

    /** "takes 2 arguments", "takes 2 or 3 arguments", "takes at least 2 arguments". */
    public String arity() {
        if (maxArgs == Integer.MAX_VALUE) {
            return "takes at least " + plural(minArgs);
        }
        if (minArgs == maxArgs) {
            return "takes " + plural(minArgs);
        }
        return "takes " + minArgs + " or " + plural(maxArgs);
    }

    private static String plural(int count) {
        return count + (count == 1 ? " argument" : " arguments");
    }
}
