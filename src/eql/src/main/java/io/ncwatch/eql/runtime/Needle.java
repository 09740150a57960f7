package io.ncwatch.eql.runtime;

/**
 * A piece of text that a matching event must contain in one of its string values.
 *
 * @param text the characters, as they appear in the decoded value
 * @param atStart the text starts the value (the raw JSON then has a quote right before it)
 * @param atEnd the text ends the value (the raw JSON then has a quote right after it)
 * @param caseInsensitive compared with ASCII case folding
 */
public record Needle(String text, boolean atStart, boolean atEnd, boolean caseInsensitive) {}
