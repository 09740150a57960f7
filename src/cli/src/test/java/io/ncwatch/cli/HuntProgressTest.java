package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HuntProgressTest {
    private final HuntProgress progress = new HuntProgress(100_000);

    @Test
    void a_line_gives_documents_read_of_the_total_the_rate_and_the_time_left_at_that_rate() {
        assertThat(progress.line(25_000, Duration.ofSeconds(10)))
                .isEqualTo("ncwatch hunt: 25,000 of 100,000 documents read (25%), 2,500/s, about 30 s left");
    }

    @Test
    void before_the_first_document_the_time_left_is_unknown() {
        assertThat(progress.line(0, Duration.ofSeconds(5)))
                .isEqualTo("ncwatch hunt: 0 of 100,000 documents read (0%), 0/s, time left unknown");
    }

    @Test
    void documents_indexed_after_the_count_never_make_more_than_100_percent_or_a_negative_time() {
        assertThat(progress.line(100_500, Duration.ofSeconds(20))).contains("(100%)", "about 0 s left");
    }

    @Test
    void long_times_left_are_in_minutes_and_hours() {
        assertThat(HuntProgress.duration(185)).isEqualTo("3 min 05 s");
        assertThat(HuntProgress.duration(7_620)).isEqualTo("2 h 07 min");
        assertThat(progress.line(1_000, Duration.ofSeconds(10))).endsWith("about 16 min 30 s left");
    }
}
