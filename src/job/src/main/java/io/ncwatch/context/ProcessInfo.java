package io.ncwatch.context;

import io.ncwatch.decode.EcsTimestamp;
import io.ncwatch.record.ContainerEvent;
import java.time.DateTimeException;
import java.util.Arrays;

/**
 * What a container's process table keeps of one process (keyed by its entity id): a Flink POJO, so its
 * state evolves with Flink's POJO schema evolution and never falls back to Kryo. Arguments are capped
 * ({@link #MAX_ARGS}, {@link #MAX_ARGS_CHARS}) so that one process costs a few hundred bytes at most.
 */
public class ProcessInfo {
    /** Arguments kept per process; the rest are dropped. */
    public static final int MAX_ARGS = 8;
    /** Characters kept over all arguments; a cut argument ends with {@link #CUT}. */
    public static final int MAX_ARGS_CHARS = 256;
    public static final String CUT = "…";

    public Long pid;
    public String name;
    public String executable;
    public String[] args;
    public String parentEntityId;
    /** {@code process.start}, else the event's time; epoch milliseconds. */
    public long start;
    public String user;
    /** Event time of the process's end event; 0 while it runs. */
    public long end;
    /** Processing time at which the table last read or wrote the process, epoch milliseconds. */
    public long lastUse;

    public ProcessInfo() {}

    /** The process an event describes. */
    public static ProcessInfo of(ContainerEvent event) {
        ProcessInfo info = new ProcessInfo();
        info.pid = event.processPid;
        info.name = event.processName;
        info.executable = event.processExecutable;
        info.args = cap(event.processArgs);
        info.parentEntityId = event.parentEntityId;
        info.start = startOf(event);
        info.user = event.userId;
        return info;
    }

    public boolean ended() {
        return end != 0;
    }

    /** At most {@link #MAX_ARGS} arguments and {@link #MAX_ARGS_CHARS} characters; null stays null. */
    static String[] cap(String[] args) {
        if (args == null) {
            return null;
        }
        String[] kept = Arrays.copyOf(args, Math.min(args.length, MAX_ARGS));
        int budget = MAX_ARGS_CHARS;
        for (int i = 0; i < kept.length; i++) {
            if (kept[i].length() > budget) {
                kept[i] = kept[i].substring(0, budget) + CUT;
                return Arrays.copyOf(kept, i + 1);
            }
            budget -= kept[i].length();
        }
        return kept;
    }

    private static long startOf(ContainerEvent event) {
        if (event.processStart != null) {
            try {
                return EcsTimestamp.toEpochMillis(event.processStart);
            } catch (DateTimeException e) {
                // a start the producer spelled wrongly: the event's own time is the next best
            }
        }
        return event.timestamp;
    }
}
