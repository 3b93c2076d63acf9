package io.mezzo.api.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void addsAndSubtractsExactlyInThousandths() {
        // in doubles 0.1 + 0.2 - 0.3 is 5.55e-17, and a framework would keep a ghost share forever
        Quantities sum = Quantities.of("cpus", 0.1).plus(Quantities.of("cpus", 0.2)).minus(Quantities.of("cpus", 0.3));

        assertThat(sum.isEmpty()).isTrue();
        assertThat(sum).isEqualTo(Quantities.EMPTY);
    }

    @Test
    void parsesMesosResourceTextWithRangesCounted() {
        Quantities agent = Quantities.parse("cpus:24;mem:4096;disk:4096;ports:[31000-32000]");

        assertThat(agent.amount("cpus")).isEqualTo(24.0);
        assertThat(agent.millis("mem")).isEqualTo(4_096_000);
        assertThat(agent.amount("ports")).isEqualTo(1001.0);
        assertThat(Quantities.parse("ports:[1-3,10-10]").amount("ports")).isEqualTo(4.0);
        assertThat(agent.toString()).isEqualTo("cpus:24;disk:4096;mem:4096;ports:1001");
        assertThat(Quantities.parse("cpus:0.125").toString()).isEqualTo("cpus:0.125");
    }

    @Test
    void containsComparesEveryNameItNeeds() {
        Quantities free = Quantities.parse("cpus:2;mem:1024");

        assertThat(free.contains(Quantities.parse("cpus:2"))).isTrue();
        assertThat(free.contains(Quantities.parse("cpus:1;mem:1024"))).isTrue();
        assertThat(free.contains(Quantities.parse("cpus:1;gpus:1"))).isFalse();
        assertThat(free.contains(Quantities.parse("mem:1024.001"))).isFalse();
        assertThat(free.contains(Quantities.EMPTY)).isTrue();
    }

    @Test
    void countsHowManyTasksFit() {
        Quantities free = Quantities.parse("cpus:9;mem:18432");

        // <1 cpu, 4 GB>: memory limits it to 18/4 = 4; <3 cpus, 1 GB>: cpus limit it to 3
        assertThat(free.fits(Quantities.parse("cpus:1;mem:4096"))).isEqualTo(4);
        assertThat(free.fits(Quantities.parse("cpus:3;mem:1024"))).isEqualTo(3);
        assertThat(free.fits(Quantities.parse("gpus:1"))).isZero();
    }

    @Test
    void neverGoesNegative() {
        assertThatThrownBy(() -> Quantities.parse("cpus:1").minus(Quantities.parse("cpus:1.001")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantities.of("cpus", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multipliesForWholeTasks() {
        assertThat(Quantities.parse("cpus:0.5;mem:100").times(3)).isEqualTo(Quantities.parse("cpus:1.5;mem:300"));
        assertThat(Quantities.parse("cpus:1").times(0)).isEqualTo(Quantities.EMPTY);
    }

    @Test
    void offerMinimumIsEitherCpusOrMemory() {
        assertThat(OfferMinimum.DEFAULT.isMetBy(Quantities.parse("cpus:0.01"))).isTrue();
        assertThat(OfferMinimum.DEFAULT.isMetBy(Quantities.parse("mem:32"))).isTrue();
        assertThat(OfferMinimum.DEFAULT.isMetBy(Quantities.parse("cpus:0.009;mem:31;disk:100000"))).isFalse();
    }

    @Test
    void dominantShareIsTheLargestFraction() {
        Quantities total = Quantities.parse("cpus:20;mem:20000");

        // max(1/20 = .05, 100/20000 = .005) = .05
        assertThat(DominantShare.of(Quantities.parse("cpus:1;mem:100"), total)).isEqualTo(0.05);
        // ports are not in the total: no share of them
        assertThat(DominantShare.of(Quantities.parse("ports:100"), total)).isZero();
    }
}
