package io.ncwatch.eql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.MapEvent;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.analysis.FieldTypes;
import io.ncwatch.eql.runtime.Needle;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Needles: texts every match contains in some string value (necessary, not sufficient). */
class RequiredTextTest {

    private static List<Needle> needles(String eql) {
        return MapEvent.compile(eql, EqlOptions.ELASTICSEARCH, new FieldSlots()).requiredText();
    }

    @Test
    void equalityAndInGiveWholeValues() {
        assertThat(needles("any where process.name == \"socat\""))
                .containsExactly(new Needle("socat", true, true, false));
        assertThat(needles("any where process.name in~ (\"a1\", \"b2\")"))
                .containsExactly(new Needle("a1", true, true, true), new Needle("b2", true, true, true));
    }

    @Test
    void wildcardsGiveTheirLongestLiteralRunAnchoredWhereThePatternIs() {
        assertThat(needles("any where process.args : \"*--listen*\""))
                .containsExactly(new Needle("--listen", false, false, true));
        assertThat(needles("any where process.name like \"python*\""))
                .containsExactly(new Needle("python", true, false, false));
        assertThat(needles("any where process.name : \"*ssh\"")).containsExactly(new Needle("ssh", false, true, true));
        assertThat(needles("any where container.id : \"*\"")).isEmpty();
    }

    @Test
    void orIsTheUnionOnlyWhenEveryBranchHasASet() {
        assertThat(needles("any where process.name == \"socat\" or process.args == \"chisel\""))
                .containsExactlyInAnyOrder(new Needle("socat", true, true, false), new Needle("chisel", true, true, false));
        assertThat(needles("any where process.name == \"socat\" or process.pid > 5")).isEmpty();
    }

    @Test
    void andPrefersTheSetWhoseShortestNeedleIsLongestAndIgnoresCategorization() {
        assertThat(needles("process where event.action == \"exec\" and process.name in (\"sh\", \"bash\")"
                + " and process.args == \"--reverse-shell\""))
                .containsExactly(new Needle("--reverse-shell", true, true, false));
        assertThat(needles("process where event.type == \"start\" and event.action == \"exec\"")).isEmpty();
        assertThat(needles("process where host.os.type == \"linux\" and process.name == \"curl\""))
                .containsExactly(new Needle("curl", true, true, false));
    }

    @Test
    void notRegexAndNumbersGiveNone() {
        assertThat(needles("any where not process.name == \"nc\"")).isEmpty();
        assertThat(needles("any where process.name regex \"nc.*\"")).isEmpty();
        assertThat(needles("any where process.name regex \"ncat\"")).containsExactly(new Needle("ncat", true, true, false));
        assertThat(needles("any where user.id == \"0\"")).isEmpty(); // may be the JSON number 0
    }

    @Test
    void prefixAndContainsFunctionsOnAField() {
        assertThat(needles("any where startsWith~(process.name, \"python\")"))
                .containsExactly(new Needle("python", true, false, true));
        assertThat(needles("any where stringContains(process.command_line, \"/dev/tcp/\")"))
                .containsExactly(new Needle("/dev/tcp/", false, false, false));
    }

    @Test
    void fieldsWhoseDocumentsMaySpellAMatchOtherwiseGiveNone() throws IOException {
        assertThat(needles("any where source.ip == \"10.0.0.1\"")).isEmpty(); // or ::ffff:10.0.0.1
        assertThat(needles("any where @timestamp == \"2026-11-28\"")).isEmpty(); // or epoch millis
        FieldTypes withNullValue = FieldTypes.parse(new ObjectMapper().readTree(
                "{\"properties\": {\"user\": {\"properties\": {\"name\": {\"type\": \"keyword\", \"null_value\": \"nobody\"}}}}}"));
        EqlOptions options = new EqlOptions(1024, withNullValue);
        assertThat(MapEvent.compile("any where user.name == \"nobody\"", options, new FieldSlots()).requiredText())
                .as("a JSON null is indexed as nobody")
                .isEmpty();
    }
}
