package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;

/**
 * A wildcard pattern ({@code *} any run, {@code ?} one character) matched against a whole value.
 *
 * <p>Patterns with only {@code *} are matched by their literal segments (exact, prefix, suffix,
 * contains, and segments in order), so the common cases never run an automaton; a {@code ?} makes a
 * Lucene automaton, the one Elasticsearch's wildcard query runs.
 */
public final class WildcardPattern implements ValueMatcher {
    private static final char STAR = '*';
    private static final char ONE = '?';

    /** Literal runs between wildcards; {@code wildcards[i]} follows {@code literals[i]}, 0 after the last. */
    private final List<String> literals;
    private final List<Character> wildcards;
    private final boolean caseInsensitive;
    private final String[] segments;
    private final boolean leadingStar;
    private final boolean trailingStar;
    private final CharacterRunAutomaton automaton;

    private WildcardPattern(List<String> literals, List<Character> wildcards, boolean caseInsensitive) {
        this.literals = literals;
        this.wildcards = wildcards;
        this.caseInsensitive = caseInsensitive;
        if (wildcards.contains(ONE)) {
            this.automaton = new CharacterRunAutomaton(toAutomaton());
            this.segments = null;
            this.leadingStar = false;
            this.trailingStar = false;
        } else {
            this.automaton = null;
            this.leadingStar = !wildcards.isEmpty() && literals.get(0).isEmpty();
            this.trailingStar = !wildcards.isEmpty() && literals.get(literals.size() - 1).isEmpty();
            List<String> parts = new ArrayList<>();
            for (String literal : literals) {
                if (!literal.isEmpty()) {
                    parts.add(caseInsensitive ? Ascii.fold(literal) : literal);
                }
            }
            this.segments = parts.toArray(String[]::new);
        }
    }

    /** EQL's syntax: {@code *} and {@code ?} are wildcards and there is no escape. */
    public static WildcardPattern eql(String pattern, boolean caseInsensitive) {
        return parse(pattern, false, caseInsensitive);
    }

    /** Lucene's wildcard syntax, where a backslash makes the next character literal. */
    public static WildcardPattern lucene(String pattern, boolean caseInsensitive) {
        return parse(pattern, true, caseInsensitive);
    }

    /** Values that start with {@code prefix} (taken literally), as a prefix query matches them. */
    public static WildcardPattern prefix(String prefix, boolean caseInsensitive) {
        return new WildcardPattern(List.of(prefix, ""), List.of(STAR), caseInsensitive);
    }

    private static WildcardPattern parse(String pattern, boolean backslashEscapes, boolean caseInsensitive) {
        List<String> literals = new ArrayList<>();
        List<Character> wildcards = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < pattern.length()) {
                run.append(pattern.charAt(++i));
            } else if (c == STAR || c == ONE) {
                literals.add(run.toString());
                wildcards.add(c);
                run.setLength(0);
            } else {
                run.append(c);
            }
        }
        literals.add(run.toString());
        return new WildcardPattern(literals, wildcards, caseInsensitive);
    }

    public boolean hasWildcards() {
        return !wildcards.isEmpty();
    }

    /** The pattern's literal runs in order, with whether each begins or ends the value. */
    public List<Needle> literalRuns() {
        List<Needle> runs = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            if (!literals.get(i).isEmpty()) {
                runs.add(new Needle(literals.get(i), i == 0, i == literals.size() - 1, caseInsensitive));
            }
        }
        return runs;
    }

    @Override
    public boolean test(Object value) {
        String s = value instanceof String string ? string : String.valueOf(value);
        return automaton != null ? automaton.run(s) : matchSegments(s);
    }

    private boolean matchSegments(String s) {
        int n = segments.length;
        if (n == 0) {
            return leadingStar || s.isEmpty();
        }
        if (!leadingStar && !trailingStar && n == 1) {
            return caseInsensitive ? Ascii.equals(s, segments[0]) : s.equals(segments[0]);
        }
        int from = 0;
        int first = 0;
        int end = s.length();
        int last = n;
        if (!leadingStar) {
            if (!startsWith(s, segments[0], 0)) {
                return false;
            }
            from = segments[0].length();
            first = 1;
        }
        if (!trailingStar) {
            String suffix = segments[n - 1];
            int at = s.length() - suffix.length();
            if (at < from || !startsWith(s, suffix, at)) {
                return false;
            }
            end = at;
            last = n - 1;
        }
        for (int i = first; i < last; i++) {
            int at = caseInsensitive ? Ascii.indexOf(s, segments[i], from) : s.indexOf(segments[i], from);
            if (at < 0 || at + segments[i].length() > end) {
                return false;
            }
            from = at + segments[i].length();
        }
        return true;
    }

    private boolean startsWith(String s, String segment, int offset) {
        return caseInsensitive ? Ascii.regionMatches(s, offset, segment) : s.startsWith(segment, offset);
    }

    private Automaton toAutomaton() {
        List<Automaton> parts = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            String literal = literals.get(i);
            for (int j = 0; j < literal.length(); ) {
                int cp = literal.codePointAt(j);
                parts.add(character(cp));
                j += Character.charCount(cp);
            }
            if (i < wildcards.size()) {
                parts.add(wildcards.get(i) == STAR ? Automata.makeAnyString() : Automata.makeAnyChar());
            }
        }
        return Operations.determinize(Operations.concatenate(parts), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    }

    private Automaton character(int cp) {
        int other = cp < 128 && Character.isLetter(cp)
                ? (Character.isLowerCase(cp) ? Character.toUpperCase(cp) : Character.toLowerCase(cp))
                : cp;
        if (!caseInsensitive || other == cp) {
            return Automata.makeChar(cp);
        }
        return Operations.union(Automata.makeChar(cp), Automata.makeChar(other));
    }
}
