package io.ncwatch.eql.analysis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the analysis rejects before anything is planned. */
class VerifierTest {

    @Test
    void sequencesSamplesAndPipesAreNotEventQueries() {
        assertThatThrownBy(() -> Verifier.verify(EqlParser.parse("sequence [process where true] [network where true]")))
                .isInstanceOf(UnsupportedQueryException.class);
        assertThatThrownBy(() -> Verifier.verify(EqlParser.parse("sample by host.id [process where true] [network where true]")))
                .isInstanceOf(UnsupportedQueryException.class);
        assertThatThrownBy(() -> Verifier.verify(EqlParser.parse("process where true | head 5")))
                .isInstanceOf(UnsupportedQueryException.class);
    }

    @Test
    void comparingTwoFieldsIsRejected() {
        Expr fieldVsField = new Expr.Comparison(Expr.CompareOp.EQ,
                new Expr.Field("process.name", false), new Expr.Field("process.parent.name", false));
        assertThatThrownBy(() -> Verifier.verify(new Query.EventQuery(null, fieldVsField)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two fields");
    }

    @Test
    void queriesBuiltWithoutTheParserMeetItsFunctionChecks() {
        Expr unknown = new Expr.Call("lengthOf", false, List.of(new Expr.Field("process.name", false)));
        assertThatThrownBy(() -> Verifier.verify(new Query.EventQuery(null, unknown)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown function lengthOf()");
        Expr tooMany = new Expr.Call("length", false,
                List.of(new Expr.Field("process.name", false), new Expr.Literal("x")));
        assertThatThrownBy(() -> Verifier.verify(new Query.EventQuery(null, tooMany)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("function length() takes 1 argument, got 2");
    }

    @Test
    void patternsMustBeLiteralsAndAndOrIsNoValue() {
        Expr fieldPattern = new Expr.Match(Expr.MatchKind.IN, false,
                new Expr.Field("process.name", false), List.of(new Expr.Field("process.parent.name", false)));
        assertThatThrownBy(() -> Verifier.verify(new Query.EventQuery(null, fieldPattern)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be literals");
        Expr andAsValue = new Expr.Comparison(Expr.CompareOp.EQ,
                new Expr.And(List.of(new Expr.Field("a", false), new Expr.Field("b", false))), new Expr.Literal(true));
        assertThatThrownBy(() -> Verifier.verify(new Query.EventQuery(null, andAsValue)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("and/or cannot be used as a value");
    }

    @Test
    void aFunctionThatComputesAValueIsNoCondition() {
        assertThatThrownBy(() -> Verifier.verify(EqlParser.parse("process where length(process.name)")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a condition must be boolean, but length() computes a value");
        assertThatThrownBy(() -> Verifier.verify(EqlParser.parse("process where not substring(process.name, 1)")))
                .isInstanceOf(IllegalArgumentException.class);
        Verifier.verify(EqlParser.parse("process where startsWith~(process.name, \"nc\") and not cidrMatch(source.ip, \"10.0.0.0/8\")"));
    }
}
