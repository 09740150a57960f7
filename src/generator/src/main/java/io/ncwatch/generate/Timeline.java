package io.ncwatch.generate;

import java.util.Arrays;
import java.util.List;

/**
 * The planned events of all open episodes, taken in time order (then planning order). An episode's
 * events are already in order, so a binary heap holds one cursor per episode rather than every event,
 * and taking an event moves its cursor down the heap once instead of removing and re-adding it.
 */
final class Timeline {
    /** An episode's next event; its time and sequence are copied here to keep the heap's comparisons local. */
    private static final class Cursor {
        final List<PlannedEvent> events;
        int next;
        long timestamp;
        long seq;

        Cursor(List<PlannedEvent> events) {
            this.events = events;
            load();
        }

        void load() {
            PlannedEvent head = events.get(next);
            timestamp = head.timestamp;
            seq = head.seq;
        }

        boolean before(Cursor other) {
            return timestamp != other.timestamp ? timestamp < other.timestamp : seq < other.seq;
        }
    }

    private Cursor[] heap = new Cursor[1024];
    private int size;

    /** Adds an episode's events, which must be in time order. */
    void add(List<PlannedEvent> episode) {
        if (episode.isEmpty()) {
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        Cursor c = new Cursor(episode);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!c.before(heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = c;
    }

    /** The next event, or null when none is planned. */
    PlannedEvent peek() {
        return size == 0 ? null : heap[0].events.get(heap[0].next);
    }

    /** Takes the next event; there must be one. */
    PlannedEvent poll() {
        Cursor top = heap[0];
        PlannedEvent e = top.events.get(top.next++);
        if (top.next < top.events.size()) {
            top.load();
        } else {
            top = heap[--size];
            heap[size] = null;
        }
        if (size > 0) {
            siftDown(top);
        }
        return e;
    }

    private void siftDown(Cursor c) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].before(heap[child])) {
                child = right;
            }
            if (!heap[child].before(c)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = c;
    }
}
