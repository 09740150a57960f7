package io.ncwatch.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * The user-defined function a Flink SQL user writes for EQL's {@code field : ("a*", "b")}: true when the
 * value, or any element of an array, matches one of the patterns, case-insensitively, {@code *} any run
 * and {@code ?} one character. The obvious way: each pattern list becomes one regular expression, kept
 * for the next row.
 */
public final class WildcardAny extends ScalarFunction {
    private transient Map<List<String>, Pattern> compiled;

    @Override
    public void open(FunctionContext context) {
        compiled = new HashMap<>();
    }

    public Boolean eval(String value, String... patterns) {
        return value != null && pattern(patterns).matcher(value).matches();
    }

    public Boolean eval(String[] values, String... patterns) {
        if (values == null) {
            return false;
        }
        Pattern pattern = pattern(patterns);
        for (String value : values) {
            if (value != null && pattern.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private Pattern pattern(String[] patterns) {
        return compiled.computeIfAbsent(Arrays.asList(patterns), list -> {
            StringBuilder regex = new StringBuilder();
            for (String wildcard : list) {
                regex.append(regex.isEmpty() ? "" : "|");
                for (String literal : wildcard.split("(?<=[*?])|(?=[*?])")) {
                    regex.append(switch (literal) {
                        case "*" -> ".*";
                        case "?" -> ".";
                        default -> Pattern.quote(literal);
                    });
                }
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        });
    }
}
