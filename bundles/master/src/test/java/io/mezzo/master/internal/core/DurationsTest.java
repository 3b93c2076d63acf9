package io.mezzo.master.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void acceptsMesosAndShortForms() {
        assertThat(Durations.parse("1secs")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("10mins")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("0")).isZero();
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
