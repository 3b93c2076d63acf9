package io.mezzo.master.internal;

import io.mezzo.api.MezzoVersion;
import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.MaintenanceResult;
import io.mezzo.api.master.MasterSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.api.v1.Protos.Address;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.core.Durations;
import io.mezzo.master.internal.core.Master;
import io.mezzo.master.internal.core.MasterEvents;
import io.mezzo.master.internal.core.MasterLoop;
import io.mezzo.master.internal.core.MasterSettings;
import io.mezzo.master.internal.core.StreamDirectory;
import io.mezzo.master.internal.metrics.ClusterFigures;
import io.mezzo.master.internal.leader.LeaderElection;
import io.mezzo.master.internal.leader.ZkUrl;
import io.mezzo.master.internal.leader.ZkRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master process: contends for leadership in ZooKeeper and, while leading, runs the master on
 * its event loop. Offers the in-process {@link MasterView} and the bundle-internal gateway the HTTP
 * endpoints use. Enabled by {@link RoleGate} on nodes with the master role. Tunables apply live
 * ({@link #modified}); a new ZooKeeper URL or advertised address restarts it through the gate.
 */
@Designate(ocd = MasterConfig.class)
@Component(configurationPid = MasterConfig.PID, immediate = true, enabled = false,
        service = {MasterView.class, MasterGateway.class})
public class MasterComponent implements MasterView, MasterGateway {
    private static final Logger LOG = LoggerFactory.getLogger(MasterComponent.class);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration WARM_UP_EVERY = Duration.ofSeconds(10);

    private volatile MasterConfig config;
    private volatile MasterSettings settings;
    private final MasterInfo self;
    private final AllocatorComponent allocator;
    private final MasterLoop loop;
    private final StreamDirectory streams = new StreamDirectory();
    private final CuratorFramework client;
    private final LeaderElection election;
    private final ZkRegistry registry;
    private volatile Leadership leadership = new Leadership(false, Optional.empty());
    /** Whiteboard: whoever wants to hear about leadership changes and lost or drained agents (the MBean). */
    @Reference(service = MasterEvents.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<MasterEvents> listeners = List.of();
    private final MasterEvents events = new MasterEventBroadcast(() -> listeners);

    @Activate
    public MasterComponent(MasterConfig config, @Reference AllocatorComponent allocator) throws Exception {
        this.config = config;
        // an invalid value already in the configuration falls back to its default rather than
        // leaving the node without a master
        this.settings = LiveSettings.merge(MasterSettings.defaults(), config, (key, reason) -> LOG.error(
                "Invalid {}={} in {}: {}; using the default", key.name(), key.value(), MasterConfig.PID, reason));
        this.allocator = allocator;
        allocator.intervalInForce(settings.allocationInterval());
        ZkUrl zk = ZkUrl.parse(config.zk());
        this.self = masterInfo(config);
        this.client = CuratorFrameworkFactory.builder().connectString(zk.connectString())
                .sessionTimeoutMs((int) Durations.parse(config.zk_session_timeout()).toMillis())
                .connectionTimeoutMs(5000).retryPolicy(new RetryForever(1000)).build();
        // a registry write refused by ZooKeeper (the term's latch znode is gone) ends the term
        this.registry = new ZkRegistry(client, zk.path(), this::deposed);
        // a standby keeps its registry code warm, so an election is not slowed by compiling it
        registry.keepWarm(() -> !leadership.leading() && client.getZookeeperClient().isConnected(), WARM_UP_EVERY);
        // each leadership term starts from the settings of the moment and from the registry its
        // predecessor left (read on the loop thread when elected, before any call is served), and
        // writes it fenced by the latch znode that won the term
        this.loop = new MasterLoop(() -> new Master(Clock.systemUTC(), settings, self, allocator.policies(),
                allocator.stats(), registry.read(), registry.writerFor(fence()), events, streams), TICK);
        this.election = new LeaderElection(client, zk.path(), self, new ElectionListener());
        try {
            client.start();
            election.start();
        } catch (Exception e) {
            // release the ZooKeeper client and the loop thread before DS retries (VERSIONS.md gotcha 8)
            deactivate();
            throw e;
        }
        LOG.info("Master {} at {}:{} contending for leadership at {}", self.getId(), self.getHostname(),
                self.getPort(), config.zk());
    }

    /**
     * Live configuration: the tunables (intervals, timeouts, weights) go to the running master on
     * its loop. A key with an invalid value is refused with the reason logged and keeps its old
     * value; the valid keys of the same change still apply. Keys that need a restart are the gate's
     * business ({@link RoleGate}), the policy the allocator's.
     */
    @Modified
    void modified(MasterConfig next) {
        MasterSettings parsed = LiveSettings.merge(settings, next,
                (key, reason) -> LOG.error("Refused {}={} for {}: {}; keeping the previous value", key.name(),
                        key.value(), MasterConfig.PID, reason));
        config = next;
        settings = parsed;
        allocator.intervalInForce(parsed.allocationInterval());
        loop.call(m -> {
            m.updateSettings(parsed);
            return true;
        });
        LOG.info("Master settings now {}", parsed);
    }

    /** MasterInfo as Mesos fills it; {@code ip} packs the IPv4 bytes in network order into a uint32. */
    static MasterInfo masterInfo(MasterConfig c) throws java.net.UnknownHostException {
        InetAddress address = InetAddress.getByName(c.hostname());
        byte[] b = address.getAddress();
        int ip = b.length == 4 ? (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24 : 0;
        String ipText = address.getHostAddress();
        return MasterInfo.newBuilder().setId(UUID.randomUUID().toString()).setIp(ip).setPort(c.port())
                .setHostname(c.hostname()).setPid("master@" + ipText + ":" + c.port())
                .setVersion(MezzoVersion.MESOS_COMPATIBLE_VERSION)
                .setAddress(Address.newBuilder().setHostname(c.hostname()).setIp(ipText).setPort(c.port())).build();
    }

    @Deactivate
    void deactivate() {
        try {
            election.close();
        } catch (Exception e) {
            LOG.warn("Closing leader election failed", e);
        }
        loop.close();
        registry.close();
        client.close();
    }

    /** The latch znode of the current leadership term (read on the loop when a term starts). */
    private Optional<String> fence() {
        return election.fence();
    }

    private void deposed(String latchNode) {
        election.deposed(latchNode);
    }

    /**
     * Curator's callbacks: leadership is published for the HTTP threads, handed to the loop and
     * told to the listeners (a demotion only if this master led: a standby losing its ZooKeeper
     * connection is "demoted" too).
     */
    private final class ElectionListener implements LeaderElection.Listener {
        @Override
        public void elected() {
            leadership = new Leadership(true, Optional.of(self));
            loop.elected();
            events.elected(self);
            events.leaderChanged(Optional.of(self));
        }

        @Override
        public void demoted() {
            boolean led = leadership.leading();
            leadership = new Leadership(false, Optional.empty());
            loop.demoted();
            if (led) {
                events.demoted(self);
            }
        }

        @Override
        public void leaderChanged(Optional<MasterInfo> leader) {
            Leadership now = leadership;
            if (!now.leading()) {
                leadership = new Leadership(false, leader);
            }
            events.leaderChanged(leader);
        }
    }

    @Override
    public Leadership leadership() {
        return leadership;
    }

    @Override
    public MasterInfo masterInfo() {
        return self;
    }

    @Override
    public <T> CompletableFuture<Optional<T>> call(Function<Master, T> command) {
        return loop.call(command);
    }

    @Override
    public void run(java.util.function.Consumer<Master> command) {
        loop.run(command);
    }

    @Override
    public StreamDirectory streams() {
        return streams;
    }

    @Override
    public java.util.concurrent.Executor streamWrites() {
        return loop.batchEnd();
    }

    @Override
    public int subscriberQueueLimit() {
        return config.subscriber_queue_limit();
    }

    @Override
    public int maxBodyBytes() {
        return config.max_body_bytes();
    }

    @Override
    public Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("zk", config.zk());
        f.put("hostname", config.hostname());
        f.put("port", String.valueOf(config.port()));
        f.put("allocation_interval", config.allocation_interval());
        f.put("offer_timeout", config.offer_timeout());
        f.put("heartbeat_interval", config.heartbeat_interval());
        f.put("agent_ping_timeout", config.agent_ping_interval());
        f.put("max_agent_ping_timeouts", String.valueOf(config.agent_max_missed_pings()));
        f.put("agent_reregister_timeout", config.agent_reregister_timeout());
        f.put("allocator", "mezzo");
        f.put("framework_sorter", config.policy());
        f.put("weights", config.weights());
        return f;
    }

    // MasterView: snapshots taken on the loop, for the console and JMX

    @Override
    public boolean isLeader() {
        return leadership.leading();
    }

    @Override
    public Optional<MasterSnapshot> leader() {
        return leadership.leader().map(MasterComponent::snapshot);
    }

    @Override
    public MasterSnapshot self() {
        return snapshot(self);
    }

    @Override
    public ClusterFigures figures() {
        return await(loop.call(m -> m.snapshots().figures())).orElseGet(ClusterFigures::notLeading);
    }

    @Override
    public List<AgentSnapshot> agents() {
        return snapshot(m -> m.snapshots().agents());
    }

    @Override
    public List<FrameworkSnapshot> frameworks() {
        return snapshot(m -> m.snapshots().frameworks());
    }

    @Override
    public List<TaskSnapshot> tasks() {
        return snapshot(m -> m.snapshots().tasks());
    }

    @Override
    public List<OfferSnapshot> offers() {
        return snapshot(m -> m.snapshots().offers());
    }

    @Override
    public boolean killTask(String frameworkId, String taskId) {
        return await(loop.call(m -> m.killTask(frameworkId, taskId))).orElse(false);
    }

    @Override
    public boolean teardownFramework(String frameworkId) {
        return await(loop.call(m -> m.teardownFramework(frameworkId))).orElse(false);
    }

    @Override
    public MaintenanceResult drainAgent(String agentId, Optional<Duration> killGrace) {
        return maintenance(m -> m.drainAgent(agentId, killGrace));
    }

    @Override
    public MaintenanceResult deactivateAgent(String agentId) {
        return maintenance(m -> m.deactivateAgent(agentId));
    }

    @Override
    public MaintenanceResult reactivateAgent(String agentId) {
        return maintenance(m -> m.reactivateAgent(agentId));
    }

    private MaintenanceResult maintenance(Function<Master, MaintenanceResult> operation) {
        return await(loop.call(operation)).orElseGet(() -> MaintenanceResult.refused("This master is not the leader"
                + leadership.leader().map(l -> "; the leader is " + l.getHostname() + ":" + l.getPort()).orElse("")));
    }

    private <T> List<T> snapshot(Function<Master, List<T>> read) {
        return await(loop.call(read)).orElse(List.of());
    }

    private static <T> Optional<T> await(CompletableFuture<Optional<T>> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the master", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the master did not answer: " + e, e);
        }
    }

    private static MasterSnapshot snapshot(MasterInfo info) {
        return new MasterSnapshot(info.getId(), info.getHostname(), info.getPort(), info.getVersion());
    }
}
