package io.ncwatch.bench;

import io.ncwatch.eql.EqlCompiler;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.rules.RuleFiles;
import java.nio.file.Path;

/** The seed rule as the project ships it, compiled from its EQL text. */
final class SeedRule {
    static final Path FILE = Path.of("jobs/netcat-listener/rule.toml");

    private SeedRule() {}

    /** The compiled seed query, its fields registered in {@code slots}. Run from the project's root. */
    static CompiledQuery compile(FieldSlots slots) {
        String query = RuleFiles.load(FILE).rules().get(0).query();
        return new EqlCompiler(slots, EqlOptions.ELASTICSEARCH).compile(EqlParser.parse(query));
    }
}
