package io.mezzo.agent.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.v1.Protos.Address;
import io.mezzo.api.v1.Protos.MasterInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Master detection against a real ZooKeeper, with masters elected by Curator's LeaderLatch. */
class ZooKeeperMasterDetectorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String masterInfo(String id, int port) {
        return JsonCodec.toJson(MasterInfo.newBuilder().setId(id).setIp(0x0100007f).setPort(port)
                .setHostname("127.0.0.1").setAddress(Address.newBuilder().setIp("127.0.0.1").setPort(port)).build());
    }

    private static LeaderLatch master(CuratorFramework client, String id, int port) throws Exception {
        LeaderLatch latch = new LeaderLatch(client, "/mezzo/leader", masterInfo(id, port));
        latch.start();
        return latch;
    }

    @Test
    void followsTheLeaderAndKnowsNoMasterWhileZooKeeperIsDown() throws Exception {
        AtomicReference<Optional<URI>> detected = new AtomicReference<>();
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework masters = CuratorFrameworkFactory.newClient(zk.getConnectString(),
                        new RetryOneTime(100));
                ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(
                        MasterUrl.parse("zk://" + zk.getConnectString() + "/mezzo").zooKeeper().orElseThrow(),
                        4000, 2000)) {
            masters.start();
            detector.start(detected::set);
            await().atMost(WAIT).until(() -> Optional.<URI>empty().equals(detected.get()));

            LeaderLatch first = master(masters, "m1", 5051);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(detected.get()).contains(URI.create("http://127.0.0.1:5051")));
            LeaderLatch second = master(masters, "m2", 5052);
            await().atMost(WAIT).until(second::getParticipants, p -> p.size() == 2);
            assertThat(detected.get()).as("a standby joining changes nothing").contains(URI.create("http://127.0.0.1:5051"));

            first.close();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(detected.get()).contains(URI.create("http://127.0.0.1:5052")));

            zk.stop();
            await().atMost(WAIT).untilAsserted(() -> assertThat(detected.get()).as("cut off from ZooKeeper").isEmpty());

            zk.restart();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(detected.get()).contains(URI.create("http://127.0.0.1:5052")));
            second.close();
        }
    }
}
