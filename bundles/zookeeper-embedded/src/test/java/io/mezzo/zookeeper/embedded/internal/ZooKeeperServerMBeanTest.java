package io.mezzo.zookeeper.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MBean's figures come from a real server and follow what its clients do. */
class ZooKeeperServerMBeanTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheServersOwnFiguresAndReadsThemAtMostOnceASecond() throws Exception {
        int port = TestClients.freePort();
        AtomicLong now = new AtomicLong();
        try (ZooKeeperServerRunner server = ZooKeeperServerRunner.start("127.0.0.1", port, dir, 500, 30_000)) {
            ZooKeeperServerMBean bean = new ZooKeeperServerMBean("127.0.0.1", port, dir, 500, now::get);
            ZooKeeper zk = TestClients.connect(server.connectString());
            try {
                zk.create("/mezzo", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                zk.create("/mezzo/leader", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                zk.exists("/mezzo", true);

                assertThat(bean.isServing()).isTrue();
                assertThat(bean.getServerState()).isEqualTo("standalone");
                assertThat(bean.getVersion()).startsWith("3.9");
                assertThat(bean.getClientAddress()).isEqualTo("127.0.0.1:" + port);
                assertThat(bean.getAliveConnections()).isGreaterThanOrEqualTo(1);
                assertThat(bean.getEphemeralsCount()).isEqualTo(1);
                assertThat(bean.getWatchCount()).isGreaterThanOrEqualTo(1);
                assertThat(bean.getPacketsReceived()).isPositive();
                assertThat(bean.getMinSessionTimeout()).isEqualTo(1000);
                assertThat(bean.getMaxSessionTimeout()).isEqualTo(10_000);
                long znodes = bean.getZnodeCount();
                assertThat(znodes).isGreaterThanOrEqualTo(2);

                zk.create("/mezzo/more", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                assertThat(bean.getZnodeCount()).as("within the second: the kept answer").isEqualTo(znodes);
                now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_001));
                assertThat(bean.getZnodeCount()).as("a second later: asked again").isEqualTo(znodes + 1);
            } finally {
                zk.close();
            }
            server.close();
            now.addAndGet(TimeUnit.SECONDS.toNanos(2));
            assertThat(bean.isServing()).isFalse();
            assertThat(bean.getZnodeCount()).isZero();
            assertThat(bean.getServerState()).isEmpty();
        }
    }

    @Test
    void mntrLinesAreKeyTabValue() {
        ServerStats stats = ServerStats.parse("zk_version\t3.9.5-abc, built on 2025\nzk_avg_latency\t0.25\n"
                + "zk_znode_count\t7\nnot a figure\n");

        assertThat(stats.text("zk_version")).isEqualTo("3.9.5-abc, built on 2025");
        assertThat(stats.decimal("zk_avg_latency")).isEqualTo(0.25);
        assertThat(stats.number("zk_znode_count")).isEqualTo(7);
        assertThat(stats.number("zk_missing")).isZero();
    }
}
