package io.ncwatch.eql.runtime;

/**
 * An event that filled a stage of a sequence.
 *
 * @param stage the index into {@link CompiledSequence#stages()}
 * @param timestamp the event's {@code @timestamp}, in epoch milliseconds
 * @param payload what the caller keeps of the event (the job its record, hunt the JSON line)
 */
public record SequenceMember<T>(int stage, long timestamp, T payload) {}
