package io.ncwatch.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListenerPortTest {
    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("nc -p 4444", 4444),
                Arguments.of("nc -lvnp 4444", 4444),
                Arguments.of("nc -nlvp 4444", 4444),
                Arguments.of("nc -l 4444", 4444),
                Arguments.of("nc -l -p 4444", 4444),
                Arguments.of("nc -lp4444", 4444),
                Arguments.of("nc -lvp4444 -e /bin/sh", 4444),
                Arguments.of("nc -l -p 4444 -e /bin/sh", 4444),
                Arguments.of("nc --source-port=4444 -l", 4444),
                Arguments.of("nc --source-port 4444 --listen", 4444),
                Arguments.of("ncat --listen 4444", 4444),
                Arguments.of("ncat -l 4444 --keep-open", 4444),
                Arguments.of("ncat -lvp 4444 -e /bin/bash", 4444),
                Arguments.of("ncat --listen 4444 --sh-exec /bin/sh", 4444),
                Arguments.of("ncat -l 0.0.0.0 4444", 4444),
                Arguments.of("/usr/bin/ncat -k -l 31337", 31337),
                Arguments.of("nc -l -w 5 4444", 4444),
                Arguments.of("nc -q 1 -l 4444", 4444),
                Arguments.of("nc -e /bin/sh -lp 1337", 1337),
                Arguments.of("netcat.traditional -l -p 9001 -c bash", 9001),
                Arguments.of("busybox nc -lp 4444 -e sh", 4444),
                Arguments.of("busybox nc -l -p 4444", 4444),
                Arguments.of("timeout 60 nc -l -p 5555", 5555),
                Arguments.of("timeout 60 nc -l 5555", 5555),
                Arguments.of("NC -LVNP 4444", null),
                Arguments.of("nc -lvnp", null),
                Arguments.of("nc -l", null),
                Arguments.of("nc -l -p notaport", null),
                Arguments.of("nc -l -p 70000", null),
                Arguments.of("nc -l -p 0", null),
                Arguments.of("nc -z db 5432", null),
                Arguments.of("nc db 5432 -e /bin/sh", null),
                Arguments.of("nc", null));
    }

    @Test
    void netcatIsKnownByNameOrApplet() {
        assertThat(ListenerPort.isNetcat("ncat", null)).isTrue();
        assertThat(ListenerPort.isNetcat("busybox", new String[] {"busybox", "nc", "-l"})).isTrue();
        assertThat(ListenerPort.isNetcat("busybox", new String[] {"busybox", "sh"})).isFalse();
        assertThat(ListenerPort.isNetcat("timeout", new String[] {"timeout", "nc"})).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("forms")
    void readsThePortOfEveryNetcatForm(String commandLine, Integer port) {
        assertThat(ListenerPort.parse(commandLine.split(" "))).isEqualTo(port);
    }

    @ParameterizedTest(name = "no arguments")
    @MethodSource("none")
    void unknownWithoutArguments(String[] args) {
        assertThat(ListenerPort.parse(args)).isNull();
    }

    static Stream<Arguments> none() {
        return Stream.of(Arguments.of((Object) null), Arguments.of((Object) new String[0]));
    }
}
