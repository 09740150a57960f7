package io.ncwatch.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a rule's exception items as one EQL query, {@code any where (item) or (item) ...}, so that the
 * EQL runtime judges them with the field types and array rules it applies to the rule's own query: an
 * entry on a multi-valued field matches when any value does, and an {@code excluded} entry matches an
 * event without the field, as the {@code must_not} clause Kibana builds for it does.
 */
final class ExceptionQuery {
    /** Characters Lucene's regular expressions give a meaning to; the others stand for themselves. */
    private static final String REGEX_RESERVED = ".?+*|{}[]()\"\\#@&<>~";

    private ExceptionQuery() {}

    /** The query that matches an event when any item does; the items must not be empty. */
    static String of(List<ExceptionItem> items) {
        return "any where " + items.stream().map(ExceptionQuery::item).collect(Collectors.joining(" or "));
    }

    private static String item(ExceptionItem item) {
        return item.entries().stream().map(ExceptionQuery::entry).collect(Collectors.joining(" and ", "(", ")"));
    }

    private static String entry(ExceptionEntry entry) {
        String field = field(entry.field());
        String condition = switch (entry.type()) {
            case MATCH -> field + " == " + string(entry.values().get(0));
            case MATCH_ANY -> field + " in (" + entry.values().stream().map(ExceptionQuery::string)
                    .collect(Collectors.joining(", ")) + ")";
            case EXISTS -> field + " != null";
            // EQL's like has no escape for a literal * or ?, Elasticsearch's wildcard query has: a regular expression has both
            case WILDCARD -> field + " regex " + string(regex(entry.values().get(0)));
        };
        return entry.operator() == ExceptionEntry.Operator.INCLUDED ? condition : "not (" + condition + ")";
    }

    /** Each part of the dotted name in backticks, so that no name is read as a keyword or an operator. */
    private static String field(String name) {
        return List.of(name.split("\\.", -1)).stream()
                .map(part -> "`" + part.replace("`", "``") + "`")
                .collect(Collectors.joining("."));
    }

    private static String string(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
        return text.append('"').toString();
    }

    /** Elasticsearch's wildcard pattern as a Lucene regular expression that matches the same whole values. */
    static String regex(String wildcard) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < wildcard.length(); i++) {
            char c = wildcard.charAt(i);
            if (c == '\\' && i + 1 < wildcard.length()) {
                literal(wildcard.charAt(++i), regex);
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                literal(c, regex);
            }
        }
        return regex.toString();
    }

    private static void literal(char c, StringBuilder regex) {
        if (REGEX_RESERVED.indexOf(c) >= 0) {
            regex.append('\\');
        }
        regex.append(c);
    }
}
