package io.mezzo.agent.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mezzo.api.v1.Protos.Attribute;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceTextTest {
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void parsesScalarsRangesAndSets() {
        List<Resource> resources = ResourceText.parseResources("cpus:4;mem:4096.5;ports:[31000-32000,33000-33010];"
                + "zones:{a,b}");

        assertThat(resources).extracting(Resource::getName).containsExactly("cpus", "mem", "ports", "zones");
        assertThat(resources.get(0).getScalar().getValue()).isEqualTo(4.0);
        assertThat(resources.get(1).getScalar().getValue()).isEqualTo(4096.5);
        assertThat(resources.get(2).getRanges().getRangeList()).extracting(Value.Range::getBegin, Value.Range::getEnd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(31000L, 32000L),
                        org.assertj.core.groups.Tuple.tuple(33000L, 33010L));
        assertThat(resources.get(3).getSet().getItemList()).containsExactly("a", "b");
        assertThat(ResourceText.format(resources))
                .isEqualTo("cpus:4;mem:4096.5;ports:[31000-32000,33000-33010];zones:{a,b}");
    }

    @Test
    void rejectsNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceText.parseResources("cpus"));
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceText.parseResources("cpus:-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceText.parseResources("cpus:many"));
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceText.parseResources("ports:[5-1]"));
    }

    @Test
    void attributesMayBeText() {
        assertThat(ResourceText.parseAttributes("rack:r1;zone:a;level:3"))
                .extracting(Attribute::getName, Attribute::getType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rack", Value.Type.TEXT),
                        org.assertj.core.groups.Tuple.tuple("zone", Value.Type.TEXT),
                        org.assertj.core.groups.Tuple.tuple("level", Value.Type.SCALAR));
        assertThat(ResourceText.parseAttributes("")).isEmpty();
    }

    @Test
    void sumAddsScalarsAndConcatenatesRanges() {
        List<Resource> sum = ResourceText.sum(ResourceText.parseResources("cpus:1;mem:128;ports:[31000-31000]")
                .stream().collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        l -> { List<Resource> all = new java.util.ArrayList<>(l);
                            all.addAll(ResourceText.parseResources("cpus:0.5;ports:[31005-31006]"));
                            return all; })));

        assertThat(ResourceText.format(sum)).isEqualTo("cpus:1.5;mem:128;ports:[31000-31000,31005-31006]");
    }

    @Test
    void detectionReservesForTheSystemLikeMesos() {
        // 8 GB of memory: reserve 1 GB -> 7168 MB; 20 GB disk: reserve 5 GB -> 15360 MB
        MachineResources.Machine big = new MachineResources.Machine(8, 8 * GB, 20 * GB);
        assertThat(ResourceText.format(MachineResources.resolve("", big)))
                .isEqualTo("cpus:8;mem:7168;disk:15360;ports:[31000-32000]");

        // 1 GB of memory and 4 GB of disk: reserve half of each -> 512 MB, 2048 MB
        MachineResources.Machine small = new MachineResources.Machine(1, GB, 4 * GB);
        assertThat(ResourceText.format(MachineResources.resolve("", small)))
                .isEqualTo("cpus:1;mem:512;disk:2048;ports:[31000-32000]");
    }

    @Test
    void configuredResourcesWinAndTheRestIsDetected() {
        MachineResources.Machine machine = new MachineResources.Machine(8, 8 * GB, 20 * GB);

        assertThat(ResourceText.format(MachineResources.resolve("cpus:9;mem:18432", machine)))
                .isEqualTo("cpus:9;mem:18432;disk:15360;ports:[31000-32000]");
    }
}
