package io.mezzo.agent.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Attribute;
import io.mezzo.api.v1.Protos.Value;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineResourcesTest {
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void detectionReservesForTheSystemLikeMesos() {
        // 8 GB of memory: reserve 1 GB -> 7168 MB; 20 GB disk: reserve 5 GB -> 15360 MB
        MachineResources.Machine big = new MachineResources.Machine(8, 8 * GB, 20 * GB);
        assertThat(MachineResources.resolve("", big))
                .isEqualTo(Resources.parse("cpus:8;mem:7168;disk:15360;ports:[31000-32000]"));

        // 1 GB of memory and 4 GB of disk: reserve half of each -> 512 MB, 2048 MB
        MachineResources.Machine small = new MachineResources.Machine(1, GB, 4 * GB);
        assertThat(MachineResources.resolve("", small))
                .isEqualTo(Resources.parse("cpus:1;mem:512;disk:2048;ports:[31000-32000]"));
    }

    @Test
    void configuredResourcesWinAndTheRestIsDetected() {
        MachineResources.Machine machine = new MachineResources.Machine(8, 8 * GB, 20 * GB);

        assertThat(MachineResources.resolve("cpus:9;mem:18432;gpus:1", machine))
                .isEqualTo(Resources.parse("cpus:9;mem:18432;gpus:1;disk:15360;ports:[31000-32000]"));
    }

    @Test
    void malformedConfigurationIsRejected() {
        MachineResources.Machine machine = new MachineResources.Machine(1, GB, GB);

        assertThatThrownBy(() -> MachineResources.resolve("cpus:lots", machine))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("cpus");
    }

    @Test
    void detectsThisMachine(@TempDir Path workDir) throws Exception {
        MachineResources.Machine machine = MachineResources.detect(workDir.resolve("new"));

        assertThat(machine.processors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(machine.memoryBytes()).isPositive();
        assertThat(machine.diskFreeBytes()).isPositive();
    }

    @Test
    void attributesMayBeTextScalarsRangesOrSets() {
        assertThat(AttributeText.parse("rack:r1;level:3;ports:[1-2];tags:{x,y}"))
                .extracting(Attribute::getName, Attribute::getType)
                .containsExactly(Tuple.tuple("rack", Value.Type.TEXT), Tuple.tuple("level", Value.Type.SCALAR),
                        Tuple.tuple("ports", Value.Type.RANGES), Tuple.tuple("tags", Value.Type.SET));
        assertThat(AttributeText.parse("")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> AttributeText.parse("rack"));
    }
}
