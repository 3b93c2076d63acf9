package io.mezzo.master.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentFiguresTest {
    @Test
    void countsAgainOnlyOnceTheLastCountIsOld() {
        AtomicInteger counted = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        RecentFigures figures = new RecentFigures(() -> {
            counted.incrementAndGet();
            return ClusterFigures.notLeading();
        }, now::get, 1_000);

        figures.get();
        now.set(999);
        figures.get();
        assertThat(counted).hasValue(1);
        now.set(1_000);
        figures.get();
        assertThat(counted).hasValue(2);
    }
}
