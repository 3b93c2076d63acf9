package io.mezzo.zookeeper.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperServerRunnerTest {

    @TempDir
    Path dir;

    @Test
    void servesRealClientsAndKeepsDataAcrossRestart() throws Exception {
        int port = freePort();
        try (ZooKeeperServerRunner server = ZooKeeperServerRunner.start("127.0.0.1", port, dir, 500, 30_000)) {
            assertThat(server.connectString()).isEqualTo("127.0.0.1:" + port);
            ZooKeeper zk = connect(server.connectString());
            try {
                zk.create("/mezzo", "hello".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
            } finally {
                zk.close();
            }
        }
        // the port is free again and the data survived: a second server on the same directory sees the znode
        try (ZooKeeperServerRunner server = ZooKeeperServerRunner.start("127.0.0.1", port, dir, 500, 30_000)) {
            ZooKeeper zk = connect(server.connectString());
            try {
                assertThat(new String(zk.getData("/mezzo", false, null), StandardCharsets.UTF_8)).isEqualTo("hello");
            } finally {
                zk.close();
            }
        }
    }

    private static ZooKeeper connect(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 4000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(20, TimeUnit.SECONDS)).as("connected to %s", connectString).isTrue();
        return zk;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
