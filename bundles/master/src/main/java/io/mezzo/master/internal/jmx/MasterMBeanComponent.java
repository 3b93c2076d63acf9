package io.mezzo.master.internal.jmx;

import io.mezzo.api.jmx.MasterMBean;
import io.mezzo.api.master.MaintenanceResult;
import io.mezzo.api.master.MasterSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.core.MasterEvents;
import io.mezzo.master.internal.MasterGateway;
import io.mezzo.master.internal.metrics.ClusterFigures;
import io.mezzo.master.internal.metrics.RecentFigures;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.management.NotificationBroadcasterSupport;
import javax.management.StandardEmitterMBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code io.mezzo:type=Master}, published through Karaf's JMX whiteboard. An MXBean, so the task
 * counts reach JConsole as open types. Each read takes fresh snapshots from the master loop.
 *
 * <p>Also a notification emitter: as a {@link MasterEvents} whiteboard service it hears about
 * leadership changes and lost or drained agents, and {@link MasterNotices} turns them into JMX
 * notifications. They are sent from a thread of their own, so neither the master loop nor
 * Curator's threads ever wait for a JMX client.
 */
@Component(service = {MasterMBean.class, MasterEvents.class},
        property = "jmx.objectname=" + MasterMBean.OBJECT_NAME)
public class MasterMBeanComponent extends StandardEmitterMBean implements MasterMBean, MasterEvents {
    private final MasterView master;
    private final RecentFigures figures;
    private final ExecutorService sender;
    private final MasterNotices notices;

    @Activate
    public MasterMBeanComponent(@Reference MasterView master, @Reference MasterGateway gateway) {
        this(master, new RecentFigures(gateway::figures, System::nanoTime, 1_000_000_000L),
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "mezzo-jmx-notifications");
                    t.setDaemon(true);
                    return t;
                }));
    }

    private MasterMBeanComponent(MasterView master, RecentFigures figures, ExecutorService sender) {
        this(master, figures, sender, new NotificationBroadcasterSupport(sender, MasterNotices.INFO));
    }

    private MasterMBeanComponent(MasterView master, RecentFigures figures, ExecutorService sender,
            NotificationBroadcasterSupport emitter) {
        super(MasterMBean.class, true, emitter);
        this.master = master;
        this.figures = figures;
        this.sender = sender;
        this.notices = new MasterNotices(emitter::sendNotification,
                master.leader().map(l -> l.hostname() + ":" + l.port()).orElse(""));
    }

    @Deactivate
    void deactivate() {
        sender.shutdown();
    }

    // MasterEvents: told by the master, sent as notifications

    @Override
    public void elected(MasterInfo self) {
        notices.elected(self);
    }

    @Override
    public void demoted(MasterInfo self) {
        notices.demoted(self);
    }

    @Override
    public void leaderChanged(Optional<MasterInfo> leader) {
        notices.leaderChanged(leader);
    }

    @Override
    public void agentUnreachable(String agentId, String hostname, String reason) {
        notices.agentUnreachable(agentId, hostname, reason);
    }

    @Override
    public void agentDrained(String agentId, String hostname) {
        notices.agentDrained(agentId, hostname);
    }

    // attributes

    @Override
    public boolean isLeader() {
        return master.isLeader();
    }

    @Override
    public String getMasterId() {
        return master.self().id();
    }

    @Override
    public String getLeaderAddress() {
        return master.leader().map(MasterMBeanComponent::address).orElse("");
    }

    @Override
    public int getActiveAgents() {
        return figures().activeAgents();
    }

    @Override
    public int getInactiveAgents() {
        return figures().inactiveAgents();
    }

    @Override
    public int getUnreachableAgents() {
        return figures().unreachableAgents();
    }

    @Override
    public int getDeactivatedAgents() {
        return figures().deactivatedAgents();
    }

    @Override
    public int getDrainingAgents() {
        return figures().drainingAgents();
    }

    @Override
    public int getDrainedAgents() {
        return figures().drainedAgents();
    }

    @Override
    public int getActiveFrameworks() {
        return figures().activeFrameworks();
    }

    @Override
    public int getInactiveFrameworks() {
        return figures().inactiveFrameworks();
    }

    @Override
    public Map<String, Integer> getTasksByState() {
        return figures().tasksByState();
    }

    @Override
    public String getResourcesTotal() {
        return figures().total().toString();
    }

    @Override
    public String getResourcesUsed() {
        return figures().used().toString();
    }

    @Override
    public String getResourcesOffered() {
        return figures().offered().toString();
    }

    @Override
    public int getOffersOutstanding() {
        return figures().offers();
    }

    // operations

    @Override
    public boolean killTask(String frameworkId, String taskId) {
        return master.killTask(frameworkId, taskId);
    }

    @Override
    public boolean teardownFramework(String frameworkId) {
        return master.teardownFramework(frameworkId);
    }

    @Override
    public String drainAgent(String agentId, long killGraceSeconds) {
        return answer(master.drainAgent(agentId,
                killGraceSeconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(killGraceSeconds))));
    }

    @Override
    public String deactivateAgent(String agentId) {
        return answer(master.deactivateAgent(agentId));
    }

    @Override
    public String reactivateAgent(String agentId) {
        return answer(master.reactivateAgent(agentId));
    }

    /** A refusal becomes an exception, so a JMX client (JConsole's dialog, a script) sees it failed. */
    private String answer(MaintenanceResult result) {
        if (result.done()) {
            return result.message();
        }
        if (!master.isLeader()) {
            throw new IllegalStateException(result.message());
        }
        throw new IllegalArgumentException(result.message());
    }

    private ClusterFigures figures() {
        return figures.get();
    }

    private static String address(MasterSnapshot m) {
        return m.hostname() + ":" + m.port();
    }
}
