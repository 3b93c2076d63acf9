package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The directory the HTTP threads trust must follow every change of a subscriber's stream. */
class StreamDirectoryTest {
    private final MasterHarness h = new MasterHarness();

    private FakeStream<Event> framework(String id, double failoverSeconds) {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("u").setName("f")
                .setFailoverTimeout(failoverSeconds);
        if (id != null) {
            info.setId(FrameworkID.newBuilder().setValue(id));
        }
        return h.framework(info);
    }

    @Test
    void aFrameworkIsVouchedForOnItsCurrentStreamOnly() {
        FakeStream<Event> first = framework(null, 60);
        String id = frameworkId(first);
        assertThat(h.directory.isFrameworkStream(id, first.id)).isTrue();
        assertThat(h.directory.isFrameworkStream(id, "another")).isFalse();
        assertThat(h.directory.isFrameworkStream(id, null)).isFalse();

        FakeStream<Event> second = framework(id, 60); // failover to a new stream
        assertThat(h.directory.isFrameworkStream(id, first.id)).isFalse();
        assertThat(h.directory.isFrameworkStream(id, second.id)).isTrue();

        h.master.streamClosed(second); // disconnected, still known for its failover timeout
        assertThat(h.directory.isFrameworkStream(id, second.id)).isFalse();

        FakeStream<Event> third = framework(id, 60);
        h.call(third, Call.newBuilder().setType(Call.Type.TEARDOWN));
        assertThat(h.directory.isFrameworkStream(id, third.id)).isFalse();
    }

    @Test
    void anAgentIsVouchedForUntilItsStreamBreaksOrItIsGivenUp() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        String id = agentId(agent);
        assertThat(h.directory.isAgentStream(id, agent.id)).isTrue();

        h.master.streamClosed(agent);
        assertThat(h.directory.isAgentStream(id, agent.id)).isFalse();

        FakeStream<AgentEvent> again = h.agent(4, 4096);
        String other = agentId(again);
        for (int i = 0; i < 6; i++) { // missed pings: unreachable
            h.clock.advance(Duration.ofSeconds(15));
            h.master.tick();
        }
        assertThat(h.directory.isAgentStream(other, again.id)).isFalse();
    }

    @Test
    void losingLeadershipForgetsEveryStream() {
        FakeStream<Event> fw = framework(null, 60);
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        h.master.clear();
        assertThat(h.directory.isFrameworkStream(frameworkId(fw), fw.id)).isFalse();
        assertThat(h.directory.isAgentStream(agentId(agent), agent.id)).isFalse();
    }
}
