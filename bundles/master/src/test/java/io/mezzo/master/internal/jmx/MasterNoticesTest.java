package io.mezzo.master.internal.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.jmx.MasterMBean;
import io.mezzo.api.v1.Protos.MasterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.management.Notification;
import org.junit.jupiter.api.Test;

class MasterNoticesTest {
    private final List<Notification> sent = new ArrayList<>();

    private static MasterInfo master(String id, int port) {
        return MasterInfo.newBuilder().setId(id).setIp(0).setPort(port).setHostname("127.0.0.1").build();
    }

    @Test
    void leaderChangeIsSentOnlyWhenTheLeaderReallyChanged() {
        MasterNotices notices = new MasterNotices(sent::add, "127.0.0.1:5050");
        notices.leaderChanged(Optional.of(master("m1", 5050))); // the leader already known
        notices.leaderChanged(Optional.empty());
        notices.leaderChanged(Optional.empty());
        notices.leaderChanged(Optional.of(master("m2", 5051)));
        notices.leaderChanged(Optional.of(master("m2", 5051)));

        assertThat(sent).extracting(Notification::getType).containsExactly(MasterMBean.NOTIFICATION_LEADER_CHANGED,
                MasterMBean.NOTIFICATION_LEADER_CHANGED);
        assertThat(sent).extracting(Notification::getUserData).containsExactly("", "127.0.0.1:5051");
        assertThat(sent).extracting(Notification::getSequenceNumber).containsExactly(1L, 2L);
    }

    @Test
    void electionDemotionAndAgentEventsEachBecomeOneNotification() {
        MasterNotices notices = new MasterNotices(sent::add, "");
        notices.elected(master("m1", 5050));
        notices.agentUnreachable("a1", "host1", "3 pings missed");
        notices.agentDrained("a2", "host2");
        notices.demoted(master("m1", 5050));

        assertThat(sent).extracting(Notification::getType).containsExactly(MasterMBean.NOTIFICATION_ELECTED,
                MasterMBean.NOTIFICATION_AGENT_UNREACHABLE, MasterMBean.NOTIFICATION_AGENT_DRAINED,
                MasterMBean.NOTIFICATION_DEMOTED);
        assertThat(sent.get(1).getMessage()).isEqualTo("Agent a1 at host1 is unreachable: 3 pings missed");
        assertThat(sent.get(1).getUserData()).isEqualTo("a1");
        assertThat(sent).allSatisfy(n -> assertThat(n.getSource().toString()).isEqualTo(MasterMBean.OBJECT_NAME));
        // every type sent is declared in the MBean's notification info
        assertThat(List.of(MasterNotices.INFO[0].getNotifTypes())).containsAll(
                sent.stream().map(Notification::getType).toList());
    }
}
