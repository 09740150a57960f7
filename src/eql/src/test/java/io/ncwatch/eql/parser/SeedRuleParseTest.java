package io.ncwatch.eql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.SeedQuery;
import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Expr.CompareOp;
import io.ncwatch.eql.parser.ast.Expr.MatchKind;
import io.ncwatch.eql.parser.ast.Query;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query of the seed rule, "Netcat Listener Established Inside A Container", as its document prints it. */
class SeedRuleParseTest {

    @Test
    void seedQueryParsesToTheExpectedTree() {
        List<Expr> names = strings("nc", "ncat", "netcat", "netcat.openbsd", "netcat.traditional");
        List<Expr> listenFlags = strings("-*l*", "--listen", "-*p*", "--source-port");
        Expr listening = colon("process.args", listenFlags);

        Query expected = new Query.EventQuery("process", new Expr.And(List.of(
                colon("container.id", strings("*")),
                new Expr.Comparison(CompareOp.EQ, field("event.type"), new Expr.Literal("start")),
                new Expr.Match(MatchKind.IN, false, field("event.action"), strings("fork", "exec")),
                new Expr.Or(List.of(colon("process.name", names), colon("process.args", names))),
                new Expr.Or(List.of(
                        new Expr.And(List.of(listening,
                                colon("process.args", strings("-c", "--sh-exec", "-e", "--exec", "echo", "$*")))),
                        listening)))));

        assertThat(EqlParser.parse(SeedQuery.TEXT)).isEqualTo(expected);
    }

    static Expr.Field field(String path) {
        return new Expr.Field(path, false);
    }

    static Expr colon(String path, List<Expr> patterns) {
        return new Expr.Match(MatchKind.LIKE, true, field(path), patterns);
    }

    static List<Expr> strings(String... values) {
        return Arrays.stream(values).<Expr>map(Expr.Literal::new).toList();
    }
}
