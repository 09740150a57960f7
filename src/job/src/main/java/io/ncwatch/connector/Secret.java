package io.ncwatch.connector;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a secret lives: an environment variable or a file (a mounted Kubernetes secret, say). It holds
 * the place, never the value: the value is read when a connection is made, on the machine that makes
 * it, so it is neither in the job graph nor in any {@code toString}.
 */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Source { ENV, FILE }

    private final Source source;
    private final String location;

    private Secret(Source source, String location) {
        this.source = source;
        this.location = Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("a secret needs an environment variable name or a file path");
        }
    }

    public static Secret fromEnv(String variable) {
        return new Secret(Source.ENV, variable);
    }

    public static Secret fromFile(Path file) {
        return new Secret(Source.FILE, file.toString());
    }

    /** Parses {@code env:NAME} or {@code file:PATH}, the form configuration files use. */
    public static Secret parse(String reference) {
        if (reference.startsWith("env:")) {
            return fromEnv(reference.substring(4));
        }
        if (reference.startsWith("file:")) {
            return fromFile(Path.of(reference.substring(5)));
        }
        throw new IllegalArgumentException(
                "a secret is given as env:VARIABLE or file:PATH, never inline (got a value of "
                        + reference.length() + " characters)");
    }

    /** Reads the value now: from the environment, or the file's content without its trailing newline. */
    public String read() {
        return read(System::getenv);
    }

    String read(UnaryOperator<String> environment) {
        String value = switch (source) {
            case ENV -> environment.apply(location);
            case FILE -> readFile(Path.of(location));
        };
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("secret " + this + " is not set or empty");
        }
        return value;
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && source == other.source && location.equals(other.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, location);
    }

    /** {@code env:NAME} or {@code file:PATH}: where the secret is, not what it is. */
    @Override
    public String toString() {
        return source.name().toLowerCase(java.util.Locale.ROOT) + ":" + location;
    }
}
