package io.mezzo.master.internal.jmx;

import io.mezzo.api.jmx.MasterMBean;
import io.mezzo.api.v1.Protos.MasterInfo;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.management.MBeanNotificationInfo;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.ObjectName;

/**
 * The Master MBean's notifications: one per event, numbered, with the MBean's name as source.
 * ZooKeeper reports the leader on every change under the election path (standbys coming and
 * going too), so a leader change is sent only when the leader's address really changed.
 */
final class MasterNotices {
    static final MBeanNotificationInfo[] INFO = {new MBeanNotificationInfo(new String[] {
        MasterMBean.NOTIFICATION_ELECTED, MasterMBean.NOTIFICATION_DEMOTED, MasterMBean.NOTIFICATION_LEADER_CHANGED,
        MasterMBean.NOTIFICATION_AGENT_UNREACHABLE, MasterMBean.NOTIFICATION_AGENT_DRAINED},
        Notification.class.getName(),
        "Leadership of this master and of the cluster, and agents lost (unreachable) or drained")};
    private static final ObjectName SOURCE = objectName();

    private final Consumer<Notification> send;
    private final AtomicLong sequence = new AtomicLong();
    /** {@code host:port} of the leader last announced; empty for none. */
    private final AtomicReference<String> leader;

    MasterNotices(Consumer<Notification> send, String knownLeader) {
        this.send = send;
        this.leader = new AtomicReference<>(knownLeader);
    }

    void elected(MasterInfo self) {
        send(MasterMBean.NOTIFICATION_ELECTED, "Master " + self.getId() + " at " + address(self) + " is now the leader",
                self.getId());
    }

    void demoted(MasterInfo self) {
        send(MasterMBean.NOTIFICATION_DEMOTED, "Master " + self.getId() + " at " + address(self)
                + " stopped leading", self.getId());
    }

    void leaderChanged(Optional<MasterInfo> next) {
        String address = next.map(MasterNotices::address).orElse("");
        if (!leader.getAndSet(address).equals(address)) {
            send(MasterMBean.NOTIFICATION_LEADER_CHANGED,
                    address.isEmpty() ? "No leading master is known" : "The leading master is now " + address, address);
        }
    }

    void agentUnreachable(String agentId, String hostname, String reason) {
        send(MasterMBean.NOTIFICATION_AGENT_UNREACHABLE, "Agent " + agentId + " at " + hostname
                + " is unreachable: " + reason, agentId);
    }

    void agentDrained(String agentId, String hostname) {
        send(MasterMBean.NOTIFICATION_AGENT_DRAINED, "Agent " + agentId + " at " + hostname
                + " is drained: no task left running", agentId);
    }

    private void send(String type, String message, String userData) {
        Notification n = new Notification(type, SOURCE, sequence.incrementAndGet(), System.currentTimeMillis(),
                message);
        n.setUserData(userData);
        send.accept(n);
    }

    private static String address(MasterInfo m) {
        return m.getHostname() + ":" + m.getPort();
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName(MasterMBean.OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
