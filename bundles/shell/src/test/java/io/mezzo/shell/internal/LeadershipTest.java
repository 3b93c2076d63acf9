package io.mezzo.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.master.MasterSnapshot;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeadershipTest {

    @Test
    void theLeaderAnswers() {
        FakeMasterView master = new FakeMasterView();
        assertThat(Leadership.requireLeader(master)).isSameAs(master);
    }

    @Test
    void aStandbySaysWhichNodeLeads() {
        FakeMasterView standby = FakeMasterView.standbyOf(new MasterSnapshot("m2", "node2", 5051, "0.1.0"));
        assertThatThrownBy(() -> Leadership.requireLeader(standby)).isInstanceOf(ShellFailure.class)
                .hasMessage("This master is a standby; the leader is node2:5051 (m2): run the command there");
    }

    @Test
    void noLeaderKnown() {
        FakeMasterView standby = new FakeMasterView();
        standby.leader = false;
        standby.knownLeader = Optional.empty();
        assertThatThrownBy(() -> Leadership.requireLeader(standby)).isInstanceOf(ShellFailure.class)
                .hasMessageStartingWith("No leading master is known yet");
    }

    @Test
    void noMasterInThisContainer() {
        assertThatThrownBy(() -> Leadership.requireLeader(null)).isInstanceOf(ShellFailure.class)
                .hasMessageStartingWith("No Mezzo master runs in this container");
    }

    @Test
    void leaderUrlComesFromTheLeadersAddress() {
        FakeMasterView standby = FakeMasterView.standbyOf(new MasterSnapshot("m2", "node2", 5051, "0.1.0"));
        assertThat(Leadership.leaderUrl(standby)).hasValueSatisfying(
                url -> assertThat(url.toString()).isEqualTo("http://node2:5051"));
        assertThat(Leadership.leaderUrl(null)).isEmpty();
    }
}
