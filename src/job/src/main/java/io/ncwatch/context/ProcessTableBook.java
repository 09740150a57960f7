package io.ncwatch.context;

/** The bookkeeping of one container's process table. A Flink POJO. */
public class ProcessTableBook {
    /** Entries in the table. */
    public int size;
    /** The earliest time an ended process is due for release; 0 when none is. */
    public long nextRelease;
    /** Processing time of the table's idle check (its timer); 0 when none is registered. */
    public long idleCheck;

    public ProcessTableBook() {}
}
