package io.mezzo.bench.fill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fill harness on tiny clusters, through the real master core. */
class MasterFillTest {

    @Test
    void everyRoundFillsTheClusterAndSplitsItEquallyWhenFrameworksDivideTheAgents() {
        MasterFill fill = new MasterFill(12, 3);
        for (int round = 0; round < 3; round++) {
            MasterFill.Round r = fill.round();
            assertThat(r.tasks()).isEqualTo(12 * MasterFill.TASKS_PER_AGENT);
            assertThat(r.maxTasks()).isEqualTo(r.minTasks()).isEqualTo(4 * MasterFill.TASKS_PER_AGENT);
            fill.endAllTasks();
        }
    }

    /**
     * What the benchmark sizes hide: no task shape reaches the policy through the master, so drf
     * offers whole agents and frameworks end up to one agent (24 tasks) apart when M does not
     * divide N — not the within-one-task fairness the policy reaches when it knows the shape.
     */
    @Test
    void withoutATaskShapeFrameworksAreFairOnlyToWithinOneAgent() {
        MasterFill fill = new MasterFill(10, 3);
        MasterFill.Round r = fill.round();
        assertThat(r.tasks()).isEqualTo(10 * MasterFill.TASKS_PER_AGENT);
        assertThat(r.maxTasks() - r.minTasks()).isEqualTo(MasterFill.TASKS_PER_AGENT);
    }
}
