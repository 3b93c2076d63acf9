package io.mezzo.master.internal.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.core.RegistryState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The registry znode and leadership against a real (in-process) ZooKeeper server. */
class ZkRegistryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RegistryState STATE = RegistryState.of(
            List.of(AgentInfo.newBuilder().setHostname("h1").setId(AgentID.newBuilder().setValue("a1")).build()),
            List.of(FrameworkInfo.newBuilder().setUser("u").setName("f").setFailoverTimeout(300)
                    .setId(FrameworkID.newBuilder().setValue("f1")).build()));

    /** A leadership term as the master gets one: a LeaderLatch that won, fenced by its znode. */
    private static LeaderLatch lead(CuratorFramework client) throws Exception {
        LeaderLatch latch = new LeaderLatch(client, "/mezzo/leader", "m");
        latch.start();
        await().atMost(WAIT).until(latch::hasLeadership);
        return latch;
    }

    @Test
    void whatTheLeaderWritesTheNextLeaderReads() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
                CuratorFramework other = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            other.start();
            try (LeaderLatch latch = lead(client);
                    ZkRegistry leader = new ZkRegistry(client, "/mezzo", node -> { });
                    ZkRegistry next = new ZkRegistry(other, "/mezzo", node -> { })) {
                assertThat(next.read()).isEqualTo(RegistryState.empty());
                Consumer<RegistryState> term = leader.writerFor(Optional.of(latch.getLastPathIsLeader()));
                term.accept(RegistryState.empty());
                term.accept(STATE); // coalesced with the first: the newest wins
                await().atMost(WAIT).until(next::read, STATE::equals);
            }
        }
    }

    @Test
    void tenThousandAgentsAreWrittenInShardsUnderTheNodeLimitAndReadBack() throws Exception {
        RegistryState big = RegistryState.of(agents(10_000, "cpus:24;mem:24576;disk:4096;ports:[31000-32000]"),
                frameworks(1_000));
        assertThat(big.encode().length).as("more than one node may hold").isGreaterThan(1024 * 1024);
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
                CuratorFramework other = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            other.start();
            try (LeaderLatch latch = lead(client);
                    ZkRegistry leader = new ZkRegistry(client, "/mezzo", node -> { });
                    ZkRegistry next = new ZkRegistry(other, "/mezzo", node -> { })) {
                leader.writerFor(Optional.of(latch.getLastPathIsLeader())).accept(big);

                await().atMost(WAIT).until(() -> sameContent(next.read(), big));
                List<String> shards = client.getChildren().forPath("/mezzo/registry");
                assertThat(shards).hasSize(ZkRegistry.SHARDS);
                for (String shard : shards) {
                    assertThat(client.getData().forPath("/mezzo/registry/" + shard).length).isLessThan(256 * 1024);
                }
            }
        }
    }

    @Test
    void aStandbyDecodesTheRegistryWhileItIsOneAndStopsWhenItLeads() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
                CuratorFramework other = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            other.start();
            try (LeaderLatch latch = lead(client);
                    ZkRegistry leader = new ZkRegistry(client, "/mezzo", node -> { });
                    ZkRegistry standby = new ZkRegistry(other, "/mezzo", node -> { })) {
                leader.writerFor(Optional.of(latch.getLastPathIsLeader())).accept(STATE);
                java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean(true);
                List<RegistryState> decoded = new java.util.concurrent.CopyOnWriteArrayList<>();
                standby.keepWarm(waiting::get, java.time.Duration.ofMillis(50), decoded::add);
                await().atMost(WAIT).until(() -> decoded.contains(STATE));

                waiting.set(false); // elected: the warm-up stops
                java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger(-1);
                await().atMost(WAIT).during(java.time.Duration.ofMillis(500))
                        .until(() -> seen.getAndSet(decoded.size()) == decoded.size());
            }
        }
    }

    @Test
    void aChangeRewritesOnlyTheShardThatHoldsIt() throws Exception {
        List<AgentInfo> agents = agents(500, "cpus:4;mem:4096");
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            try (LeaderLatch latch = lead(client); ZkRegistry leader = new ZkRegistry(client, "/mezzo", node -> { })) {
                Consumer<RegistryState> term = leader.writerFor(Optional.of(latch.getLastPathIsLeader()));
                RegistryState first = RegistryState.of(agents, List.of());
                term.accept(first);
                await().atMost(WAIT).until(() -> sameContent(leader.read(), first));
                java.util.Map<String, Integer> before = versions(client);

                List<AgentInfo> changed = new java.util.ArrayList<>(agents);
                changed.set(7, agents.get(7).toBuilder().setHostname("renamed").build());
                term.accept(RegistryState.of(changed, List.of()));
                await().atMost(WAIT).until(() -> !versions(client).equals(before));

                java.util.Map<String, Integer> after = versions(client);
                assertThat(after.keySet().stream().filter(shard -> !after.get(shard).equals(before.get(shard))))
                        .hasSize(1);
            }
        }
    }

    @Test
    void aRegistryOfTheOneNodeFormatIsReadAndRewrittenAsShards() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            client.create().creatingParentsIfNeeded().forPath("/mezzo/registry", STATE.encode());
            try (LeaderLatch latch = lead(client); ZkRegistry registry = new ZkRegistry(client, "/mezzo", node -> { })) {
                assertThat(registry.read()).isEqualTo(STATE);

                registry.writerFor(Optional.of(latch.getLastPathIsLeader())).accept(STATE);
                await().atMost(WAIT).until(() -> new String(client.getData().forPath("/mezzo/registry"),
                        java.nio.charset.StandardCharsets.US_ASCII).startsWith(RegistryState.HEADER_SHARDED));
                assertThat(registry.read()).isEqualTo(STATE);
            }
        }
    }

    private static java.util.Map<String, Integer> versions(CuratorFramework client) throws Exception {
        java.util.Map<String, Integer> versions = new java.util.TreeMap<>();
        for (String shard : client.getChildren().forPath("/mezzo/registry")) {
            versions.put(shard, client.checkExists().forPath("/mezzo/registry/" + shard).getVersion());
        }
        return versions;
    }

    private static boolean sameContent(RegistryState a, RegistryState b) {
        return new java.util.HashSet<>(a.agents()).equals(new java.util.HashSet<>(b.agents()))
                && new java.util.HashSet<>(a.frameworks()).equals(new java.util.HashSet<>(b.frameworks()))
                && a.weights().equals(b.weights());
    }

    private static List<AgentInfo> agents(int count, String resources) {
        List<io.mezzo.api.v1.Protos.Resource> protos = io.mezzo.api.resources.Resources.parse(resources).toProtos();
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> AgentInfo.newBuilder()
                .setHostname("agent-" + i + ".rack-" + (i % 40) + ".example.org").setPort(5051)
                .setId(AgentID.newBuilder().setValue("9b4c6f1e-6c1a-4a57-8f0e-2d7a1c3b5e90-S" + i))
                .addAllResources(protos).build()).toList();
    }

    private static List<FrameworkInfo> frameworks(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> FrameworkInfo.newBuilder().setUser("u")
                .setName("framework-" + i).setFailoverTimeout(300).addRoles("*")
                .setId(FrameworkID.newBuilder().setValue("9b4c6f1e-6c1a-4a57-8f0e-2d7a1c3b5e90-" + i)).build()).toList();
    }

    @Test
    void aTermThatEndedWritesNothing() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            List<String> deposed = new CopyOnWriteArrayList<>();
            try (ZkRegistry registry = new ZkRegistry(client, "/mezzo", deposed::add)) {
                LeaderLatch latch = lead(client);
                String fence = latch.getLastPathIsLeader();
                Consumer<RegistryState> term = registry.writerFor(Optional.of(fence));
                term.accept(RegistryState.empty());
                await().atMost(WAIT).until(() -> client.checkExists().forPath("/mezzo/registry") != null);
                latch.close(); // the term's znode goes

                term.accept(STATE);
                registry.writerFor(Optional.empty()).accept(STATE); // a term that ended before it began
                await().atMost(WAIT).until(() -> deposed.contains(fence));
                assertThat(RegistryState.decode(client.getData().forPath("/mezzo/registry")))
                        .isEqualTo(RegistryState.empty());
            }
        }
    }

    @Test
    void leaderStepsDownWhenItLosesZooKeeper() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                        .sessionTimeoutMs(2000).connectionTimeoutMs(1000).retryPolicy(new RetryOneTime(100)).build()) {
            client.start();
            AtomicBoolean leading = new AtomicBoolean();
            MasterInfo self = MasterInfo.newBuilder().setId("m1").setIp(0).setPort(5050).setHostname("h").build();
            try (LeaderElection election = new LeaderElection(client, "/mezzo", self, new LeaderElection.Listener() {
                @Override
                public void elected() {
                    leading.set(true);
                }

                @Override
                public void demoted() {
                    leading.set(false);
                }

                @Override
                public void leaderChanged(Optional<MasterInfo> leader) {
                    // only elected/demoted matter here
                }
            })) {
                election.start();
                await().atMost(WAIT).untilTrue(leading);
                zk.stop();
                await().atMost(WAIT).untilFalse(leading);
            }
        }
    }
}
