package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkItemOutcomeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "201, WRITTEN",
        "200, WRITTEN",
        "409, ALREADY_PRESENT",
        "429, RETRY",
        "500, RETRY",
        "502, RETRY",
        "503, RETRY",
        "400, REJECTED",
        "403, REJECTED",
        "404, REJECTED",
        "413, REJECTED",
    })
    void each_status_of_a_create_item_has_one_outcome(int status, BulkItemOutcome expected) {
        assertThat(BulkItemOutcome.of(status)).isEqualTo(expected);
    }
}
