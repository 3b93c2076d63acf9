package io.mezzo.master.internal.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.core.RegistryState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * Fencing of the registry against a real (in-process) ZooKeeper: two masters wired as
 * MasterComponent wires them (election, registry, a refused write ends the term). The first leads
 * and is deposed without taking part — its session is expired on the server, as when the process
 * is paused (SIGSTOP) past its session timeout, or its latch znode disappears while its session
 * lives — the second takes over and writes; whatever the deposed one writes afterwards with its
 * old term is refused, and it steps down.
 */
class RegistryFencingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RegistryState agents(String... ids) {
        return RegistryState.of(List.of(ids).stream().map(id -> AgentInfo.newBuilder().setHostname(id)
                .setId(AgentID.newBuilder().setValue(id)).build()).toList(), List.of());
    }

    /** One master's ZooKeeper side: client, election and registry, wired as in MasterComponent. */
    private static final class Candidate implements AutoCloseable {
        final CuratorFramework client;
        final LeaderElection election;
        final ZkRegistry registry;
        final AtomicBoolean leading = new AtomicBoolean();
        final AtomicReference<Optional<MasterInfo>> leaderSeen = new AtomicReference<>(Optional.empty());
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<String> demotions = new CopyOnWriteArrayList<>();

        Candidate(TestingServer zk, String id, int port) throws Exception {
            client = CuratorFrameworkFactory.builder().connectString(zk.getConnectString()).sessionTimeoutMs(4000)
                    .connectionTimeoutMs(2000).retryPolicy(new RetryForever(200)).build();
            MasterInfo self = MasterInfo.newBuilder().setId(id).setIp(0).setPort(port).setHostname("h").build();
            registry = new ZkRegistry(client, "/mezzo", this::deposed);
            election = new LeaderElection(client, "/mezzo", self, new LeaderElection.Listener() {
                @Override
                public void elected() {
                    leading.set(true);
                }

                @Override
                public void demoted() {
                    leading.set(false);
                    demotions.add(id);
                }

                @Override
                public void leaderChanged(Optional<MasterInfo> leader) {
                    leaderSeen.set(leader);
                }
            });
            client.start();
            election.start();
        }

        private void deposed(String latchNode) {
            refused.add(latchNode);
            election.deposed(latchNode);
        }

        /** The registry writer of the term this master holds now (MasterComponent's loop asks the same). */
        Consumer<RegistryState> term() {
            return registry.writerFor(election.fence());
        }

        @Override
        public void close() throws Exception {
            election.close();
            registry.close();
            client.close();
        }
    }

    @Test
    void aLeaderWhoseSessionExpiredCannotOverwriteItsSuccessor() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                Candidate first = leaderOf(zk)) {
            Consumer<RegistryState> oldTerm = first.term();
            oldTerm.accept(agents("a1"));
            try (Candidate second = new Candidate(zk, "m2", 5052)) {
                await().atMost(WAIT).until(() -> second.registry.read().equals(agents("a1")));

                expireSession(zk, first.client); // its ephemeral latch znode goes with the session
                await().atMost(WAIT).untilTrue(second.leading);
                second.term().accept(agents("a1", "a2"));
                await().atMost(WAIT).until(() -> second.registry.read().equals(agents("a1", "a2")));

                oldTerm.accept(agents("stale")); // the deposed leader's late write
                await().atMost(WAIT).until(() -> !first.refused.isEmpty());
                assertThat(second.registry.read()).as("the successor's registry").isEqualTo(agents("a1", "a2"));
                assertThat(first.leading).as("the deposed master leads no more").isFalse();
                assertThat(second.leading).isTrue();
                await().atMost(WAIT).untilAsserted(() -> assertThat(first.leaderSeen.get())
                        .map(MasterInfo::getId).contains("m2"));
            }
        }
    }

    @Test
    void aLeaderWhoseLatchZnodeVanishedIsRefusedAndStepsDown() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                Candidate first = leaderOf(zk);
                Candidate second = new Candidate(zk, "m2", 5052)) {
            String fence = first.election.fence().orElseThrow();
            Consumer<RegistryState> firstTerm = first.term();
            firstTerm.accept(agents("a1"));
            await().atMost(WAIT).until(() -> second.registry.read().equals(agents("a1")));

            // the znode goes while the first master's session lives: its latch, which does not watch
            // its own node, still claims leadership; the second one's latch sees it go and takes over
            second.client.delete().forPath(fence);
            await().atMost(WAIT).untilTrue(second.leading);
            assertThat(first.election.hasLeadership()).as("the first does not know yet").isTrue();
            second.term().accept(agents("a2"));
            await().atMost(WAIT).until(() -> second.registry.read().equals(agents("a2")));

            firstTerm.accept(agents("stale"));
            await().atMost(WAIT).until(() -> first.refused.contains(fence));
            await().atMost(WAIT).untilFalse(first.leading);
            assertThat(first.demotions).as("stepped down once").hasSize(1);
            assertThat(first.election.hasLeadership()).isFalse();
            assertThat(first.election.fence()).isEmpty();
            assertThat(second.registry.read()).as("the successor's registry").isEqualTo(agents("a2"));
            // it contends again, as a standby behind the second
            await().atMost(WAIT).untilAsserted(() -> assertThat(first.leaderSeen.get())
                    .map(MasterInfo::getId).contains("m2"));
            await().atMost(WAIT).until(() -> second.client.getChildren().forPath("/mezzo/leader").size() == 2);
            assertThat(second.leading).isTrue();
        }
    }

    /** The first master, once elected (before any other contends). */
    private static Candidate leaderOf(TestingServer zk) throws Exception {
        Candidate first = new Candidate(zk, "m1", 5051);
        await().atMost(WAIT).untilTrue(first.leading);
        return first;
    }

    /**
     * Expires {@code client}'s session on the server, as the server does when it hears nothing
     * from a paused process for the session timeout: another connection takes the session over
     * and closes it.
     */
    private static void expireSession(TestingServer zk, CuratorFramework client) throws Exception {
        ZooKeeper current = client.getZookeeperClient().getZooKeeper();
        ZooKeeper thief = new ZooKeeper(zk.getConnectString(), 4000, event -> { }, current.getSessionId(),
                current.getSessionPasswd());
        await().atMost(WAIT).until(() -> thief.getState().isConnected());
        thief.close();
    }
}
