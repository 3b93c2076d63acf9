package io.mezzo.shell.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.shell.internal.FakeMasterView;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** mezzo:drain, mezzo:deactivate, mezzo:reactivate against a fake master: what they ask and how they fail. */
class MaintenanceCommandsTest {
    private final FakeMasterView master = new FakeMasterView();

    MaintenanceCommandsTest() {
        master.agents.add(FakeMasterView.agent("a1", "h1", "cpus:1", "", ""));
    }

    private <A extends MezzoAction> A on(A action) {
        action.master = master;
        return action;
    }

    @Test
    void drainPassesTheKillGraceAndWithoutItLetsTasksFinish() throws Exception {
        DrainCommand withGrace = on(new DrainCommand());
        withGrace.agentId = "a1";
        withGrace.killAfterSeconds = 30L;
        DrainCommand plain = on(new DrainCommand());
        plain.agentId = "a1";

        withGrace.execute();
        plain.execute();

        assertThat(master.maintained).containsExactly("drain a1 30", "drain a1");
    }

    @Test
    void unknownAgentNegativeGraceAndStandbyFailWithOneLine() {
        DrainCommand unknown = on(new DrainCommand());
        unknown.agentId = "nope";
        assertThatThrownBy(unknown::execute).isInstanceOf(CommandException.class).hasMessage("Unknown agent nope");

        DrainCommand negative = on(new DrainCommand());
        negative.agentId = "a1";
        negative.killAfterSeconds = -1L;
        assertThatThrownBy(negative::execute).isInstanceOf(CommandException.class)
                .hasMessage("--kill-after must be 0 or more seconds, got -1");

        master.leader = false;
        DeactivateCommand onStandby = on(new DeactivateCommand());
        onStandby.agentId = "a1";
        assertThatThrownBy(onStandby::execute).isInstanceOf(CommandException.class)
                .hasMessageNotContaining("\n");
        assertThat(master.maintained).containsExactly("drain nope");
    }

    @Test
    void deactivateAndReactivateAskTheMaster() throws Exception {
        DeactivateCommand deactivate = on(new DeactivateCommand());
        deactivate.agentId = "a1";
        ReactivateCommand reactivate = on(new ReactivateCommand());
        reactivate.agentId = "a1";

        deactivate.execute();
        reactivate.execute();

        assertThat(master.maintained).containsExactly("deactivate a1", "reactivate a1");
    }
}
