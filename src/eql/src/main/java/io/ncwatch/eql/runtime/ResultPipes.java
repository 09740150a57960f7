package io.ncwatch.eql.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipes {@code | head N} and {@code | tail N} over a bounded input's results in their order: the
 * first N, the last N, applied left to right. Results that pass the leading heads go on at once; from the
 * first tail on, at most its N results are held until {@link #finish}.
 */
public final class ResultPipes<T> {
    /** {@code | head count}, or {@code | tail count} when {@code tail}. */
    public record Pipe(boolean tail, long count) {}

    private final List<Pipe> pipes;
    private final int firstTail;
    private final long[] passed;
    private final ArrayDeque<T> held = new ArrayDeque<>();

    public ResultPipes(List<Pipe> pipes) {
        this.pipes = List.copyOf(pipes);
        int tail = 0;
        while (tail < pipes.size() && !pipes.get(tail).tail()) {
            tail++;
        }
        this.firstTail = tail;
        this.passed = new long[tail];
    }

    /** The next result; returns it when it passes every pipe now, else nothing. */
    public List<T> offer(T result) {
        for (int i = 0; i < firstTail; i++) {
            if (passed[i] >= pipes.get(i).count()) {
                return List.of();
            }
            passed[i]++;
        }
        if (firstTail == pipes.size()) {
            return List.of(result);
        }
        held.addLast(result);
        if (held.size() > pipes.get(firstTail).count()) {
            held.removeFirst();
        }
        return List.of();
    }

    /** Whether a leading head is full, so no later result can pass: the input need not be read on. */
    public boolean isSaturated() {
        for (int i = 0; i < firstTail; i++) {
            if (passed[i] >= pipes.get(i).count()) {
                return true;
            }
        }
        return false;
    }

    /** The input has ended: the held results that pass the pipes from the first tail on, in order. */
    public List<T> finish() {
        List<T> results = new ArrayList<>(held);
        for (int i = firstTail + 1; i < pipes.size(); i++) {
            int count = (int) Math.min(pipes.get(i).count(), results.size());
            results = pipes.get(i).tail()
                    ? results.subList(results.size() - count, results.size())
                    : results.subList(0, count);
        }
        held.clear();
        return new ArrayList<>(results);
    }
}
