package io.mezzo.shell.internal;

import static io.mezzo.shell.internal.FakeMasterView.agent;
import static io.mezzo.shell.internal.FakeMasterView.framework;
import static io.mezzo.shell.internal.FakeMasterView.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.master.MasterSnapshot;
import org.junit.jupiter.api.Test;

class IdCandidatesTest {

    @Test
    void idsFromTheLeaderSortedWithoutRepeats() {
        FakeMasterView master = new FakeMasterView();
        master.tasks.add(task("web", "f2", "a1", "TASK_RUNNING"));
        master.tasks.add(task("web", "f1", "a1", "TASK_RUNNING"));
        master.tasks.add(task("batch", "f1", "a1", "TASK_RUNNING"));
        master.frameworks.add(framework("f2", true, true));
        master.frameworks.add(framework("f1", true, true));
        master.agents.add(agent("a1", "h", "cpus:1", "", ""));

        assertThat(IdCandidates.taskIds(master)).containsExactly("batch", "web");
        assertThat(IdCandidates.frameworkIds(master)).containsExactly("f1", "f2");
        assertThat(IdCandidates.agentIds(master)).containsExactly("a1");
    }

    @Test
    void noMasterOrAStandbyOffersNothing() {
        assertThat(IdCandidates.taskIds(null)).isEmpty();
        assertThat(IdCandidates.frameworkIds(FakeMasterView.standbyOf(new MasterSnapshot("m2", "h", 1, "v"))))
                .isEmpty();
    }
}
