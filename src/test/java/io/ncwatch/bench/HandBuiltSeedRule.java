package io.ncwatch.bench;

import io.ncwatch.eql.CompiledQuery;
import io.ncwatch.eql.FieldSlots;
import io.ncwatch.eql.FieldValues;
import io.ncwatch.eql.Needle;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** TEMPORARY stand-in for the compiled seed rule until EqlCompiler lands on main. */
final class HandBuiltSeedRule implements CompiledQuery {
    private static final List<String> NAMES = List.of("nc", "ncat", "netcat", "netcat.openbsd", "netcat.traditional");
    private final int category, containerId, type, action, name, args;

    HandBuiltSeedRule(FieldSlots slots) {
        category = slots.slotOf("event.category");
        containerId = slots.slotOf("container.id");
        type = slots.slotOf("event.type");
        action = slots.slotOf("event.action");
        name = slots.slotOf("process.name");
        args = slots.slotOf("process.args");
    }

    @Override
    public boolean matches(FieldValues e) {
        return any(e.value(category), "process"::equals)
                && any(e.value(containerId), v -> v instanceof String)
                && any(e.value(type), "start"::equals)
                && any(e.value(action), v -> v.equals("fork") || v.equals("exec"))
                && (any(e.value(name), HandBuiltSeedRule::netcat) || any(e.value(args), HandBuiltSeedRule::netcat))
                && any(e.value(args), HandBuiltSeedRule::listening);
    }

    private static boolean netcat(Object v) {
        return v instanceof String s && NAMES.contains(s.toLowerCase(Locale.ROOT));
    }

    private static boolean listening(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("--listen") || l.equals("--source-port") || (l.startsWith("-") && (l.indexOf('l') > 0 || l.indexOf('p') > 0));
    }

    private static boolean any(Object value, Predicate<Object> test) {
        if (value instanceof List<?> list) {
            for (Object v : list) {
                if (test.test(v)) {
                    return true;
                }
            }
            return false;
        }
        return value != null && test.test(value);
    }

    @Override
    public List<String> fields() {
        return List.of("event.category", "container.id", "event.type", "event.action", "process.name", "process.args");
    }

    @Override
    public List<Needle> requiredText() {
        return NAMES.stream().map(n -> new Needle(n, true, true, true)).toList();
    }
}
