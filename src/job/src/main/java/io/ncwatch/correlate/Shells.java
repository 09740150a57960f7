package io.ncwatch.correlate;

import java.util.Locale;
import java.util.Set;

/** Whether a process is a command shell, by its name (or, for busybox and toybox, its applet). */
public final class Shells {
    static final Set<String> NAMES = Set.of(
            "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "pdksh", "oksh", "csh", "tcsh", "fish", "rbash",
            "hush", "yash", "posh");
    private static final Set<String> MULTICALL = Set.of("busybox", "toybox");

    private Shells() {}

    /** @param args {@code process.args}, argv0 first (the applet of {@code busybox sh} is the second) */
    public static boolean isShell(String name, String[] args) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(lower)) {
            return true;
        }
        return MULTICALL.contains(lower) && args != null && args.length > 1
                && NAMES.contains(args[1].substring(args[1].lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
    }
}
