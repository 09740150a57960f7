package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private static BackoffPolicy policy(long seed) {
        return new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(30), new SplittableRandom(seed));
    }

    private static List<Long> delays(BackoffPolicy policy, int failures) {
        List<Long> delays = new ArrayList<>();
        for (int n = 1; n <= failures; n++) {
            delays.add(policy.delayMillis(n));
        }
        return delays;
    }

    @Test
    void ceilings_double_from_the_initial_delay_up_to_the_maximum() {
        BackoffPolicy policy = policy(1);
        List<Long> ceilings = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            ceilings.add(policy.ceilingMillis(n));
        }
        assertThat(ceilings).containsExactly(
                100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L, 30000L);
    }

    @Test
    void each_delay_lies_between_half_the_ceiling_and_the_ceiling() {
        BackoffPolicy policy = policy(7);
        for (int n = 1; n <= 40; n++) {
            long ceiling = policy.ceilingMillis(n);
            for (int sample = 0; sample < 50; sample++) {
                assertThat(policy.delayMillis(n)).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void the_same_seed_gives_the_same_delays_and_another_seed_other_delays() {
        assertThat(delays(policy(42), 15)).isEqualTo(delays(policy(42), 15));
        assertThat(delays(policy(42), 15)).isNotEqualTo(delays(policy(43), 15));
    }

    @Test
    void a_very_long_outage_stays_at_the_maximum_without_overflow() {
        BackoffPolicy policy = policy(3);
        assertThat(policy.ceilingMillis(Integer.MAX_VALUE)).isEqualTo(30_000L);
        assertThat(policy.delayMillis(Integer.MAX_VALUE)).isBetween(15_000L, 30_000L);
    }

    @Test
    void nonsense_settings_are_refused() {
        SplittableRandom random = new SplittableRandom();
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1), random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(1).delayMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
