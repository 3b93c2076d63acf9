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
