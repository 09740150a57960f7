package io.ncwatch.context;

/** The bookkeeping of one container's process table. A Flink POJO. */
public class ProcessTableBook {
    /** Entries in the table; may count a few that the TTL removed since, until the next full scan. */
    public int size;
    /** The earliest time an ended process is due for release; 0 when none is. */
    public long nextRelease;

    public ProcessTableBook() {}
}
