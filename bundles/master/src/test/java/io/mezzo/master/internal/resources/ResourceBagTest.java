package io.mezzo.master.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceBagTest {
    @Test
    void scalarsAreExactInFixedPoint() {
        ResourceBag sum = ResourceBag.scalars("cpus", 0.1).plus(ResourceBag.scalars("cpus", 0.2));
        assertThat(sum).isEqualTo(ResourceBag.scalars("cpus", 0.3));
    }

    @Test
    void rangesSubtractAndContain() {
        ResourceBag ports = ResourceBag.EMPTY.withRange("ports", 31000, 32000);
        ResourceBag used = ResourceBag.EMPTY.withRange("ports", 31000, 31009);
        ResourceBag left = ports.minus(used);
        assertThat(left.toString()).isEqualTo("ports:[31010-32000]");
        assertThat(ports.contains(used)).isTrue();
        assertThat(left.contains(used)).isFalse();
        assertThat(left.plus(used)).isEqualTo(ports);
    }

    @Test
    void roundTripsThroughProtobuf() {
        ResourceBag bag = ResourceBag.scalars("cpus", 4, "mem", 4096).withRange("ports", 1, 5);
        assertThat(ResourceBag.of(bag.toProtos("*"))).isEqualTo(bag);
        assertThat(bag.toString()).isEqualTo("cpus:4;mem:4096;ports:[1-5]");
    }
}
