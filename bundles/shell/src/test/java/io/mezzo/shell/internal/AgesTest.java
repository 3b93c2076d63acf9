package io.mezzo.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {

    @Test
    void largestUnitOnly() {
        assertThat(Ages.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Ages.format(Duration.ofSeconds(59 * 60 + 59))).isEqualTo("59m");
        assertThat(Ages.format(Duration.ofHours(3).plusMinutes(59))).isEqualTo("3h");
        assertThat(Ages.format(Duration.ofDays(2).plusHours(23))).isEqualTo("2d");
    }

    @Test
    void clockSkewIsNowAndUnknownIsADash() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(Ages.since(now.plusSeconds(3), now)).isEqualTo("0s");
        assertThat(Ages.since(null, now)).isEqualTo("-");
    }
}
