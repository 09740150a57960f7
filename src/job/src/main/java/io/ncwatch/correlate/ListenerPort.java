package io.ncwatch.correlate;

import java.util.Locale;
import java.util.Set;

/**
 * The port a netcat listener listens on, read from its arguments the way the netcat variants read
 * them (traditional and OpenBSD {@code nc}, {@code ncat}, busybox {@code nc}): {@code -p PORT},
 * {@code -pPORT} or a cluster ending in {@code p} ({@code -lvnp PORT}, {@code -lp4444}),
 * {@code --source-port[=]PORT}, and in listen mode ({@code -l}, {@code --listen}) the last bare number
 * ({@code nc -l 4444}, {@code ncat --listen 4444}). Options that take a value ({@code -e sh},
 * {@code -w 5}, {@code --sh-exec CMD}) are skipped with their value. The arguments may start with a
 * wrapper ({@code busybox nc ...}, {@code timeout 60 nc ...}): reading starts after the netcat name.
 */
public final class ListenerPort {
    static final Set<String> NETCAT_NAMES = Set.of("nc", "ncat", "netcat", "netcat.openbsd", "netcat.traditional");
    /** Short options that take a value (from the union of the variants' option tables), {@code p} aside. */
    private static final String SHORT_WITH_VALUE = "ceiqoswxIOTVWXPgGmMb";
    private static final Set<String> LONG_WITH_VALUE = Set.of(
            "--exec", "--sh-exec", "--lua-exec", "--source", "--wait", "--idle-timeout", "--proxy",
            "--proxy-type", "--proxy-auth", "--proxy-dns", "--max-conns", "--output", "--hex-dump", "--allow",
            "--allowfile", "--deny", "--denyfile", "--ssl-cert", "--ssl-key", "--ssl-trustfile",
            "--ssl-ciphers", "--ssl-servername", "--ssl-alpn", "--delay", "--append-output");

    private ListenerPort() {}

    /** @param args {@code process.args}, argv0 first; null and unknown give null */
    public static Integer parse(String[] args) {
        if (args == null) {
            return null;
        }
        Integer option = null;
        Integer lastBare = null;
        boolean listen = false;
        for (int i = startOf(args); i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                if (name.equals("--listen")) {
                    listen = true;
                } else if (name.equals("--source-port")) {
                    String value = inline != null ? inline : i + 1 < args.length ? args[++i] : null;
                    option = port(value) != null ? port(value) : option;
                } else if (LONG_WITH_VALUE.contains(name) && inline == null) {
                    i++;
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    char flag = arg.charAt(c);
                    if (flag == 'l') {
                        listen = true;
                    } else if (flag == 'p' || SHORT_WITH_VALUE.indexOf(flag) >= 0) {
                        String value = c + 1 < arg.length() ? arg.substring(c + 1) : i + 1 < args.length ? args[++i] : null;
                        if (flag == 'p' && port(value) != null) {
                            option = port(value);
                        }
                        break;
                    }
                }
            } else if (port(arg) != null) {
                lastBare = port(arg);
            }
        }
        return option != null ? option : listen ? lastBare : null;
    }

    /** Whether a process is netcat: by its name, or busybox's or toybox's {@code nc} applet. */
    static boolean isNetcat(String name, String[] args) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return NETCAT_NAMES.contains(lower) || (lower.equals("busybox") || lower.equals("toybox"))
                && args != null && args.length > 1 && NETCAT_NAMES.contains(args[1].toLowerCase(Locale.ROOT));
    }

    /** The index after the netcat name (after a wrapper such as busybox or timeout), else after argv0. */
    private static int startOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String base = arg.substring(arg.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (NETCAT_NAMES.contains(base)) {
                return i + 1;
            }
        }
        return 1;
    }

    private static Integer port(String text) {
        if (text == null || text.isEmpty() || text.length() > 5) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : null;
    }
}
