package io.ncwatch.generate;

import java.util.SplittableRandom;

/** What every episode of a run shares: the ids, the random source, and the planning order of events. */
final class Planner {
    final Ids ids;
    final SplittableRandom random;
    private long seq;

    Planner(Ids ids, SplittableRandom random) {
        this.ids = ids;
        this.random = random;
    }

    long nextSeq() {
        return ++seq;
    }
}
