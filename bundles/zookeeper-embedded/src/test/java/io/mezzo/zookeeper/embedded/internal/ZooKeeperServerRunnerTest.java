package io.mezzo.zookeeper.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperServerRunnerTest {

    @TempDir
    Path dir;

    @Test
    void servesRealClientsAndKeepsDataAcrossRestart() throws Exception {
        int port = TestClients.freePort();
        try (ZooKeeperServerRunner server = ZooKeeperServerRunner.start("127.0.0.1", port, dir, 500, 30_000)) {
            assertThat(server.connectString()).isEqualTo("127.0.0.1:" + port);
            ZooKeeper zk = TestClients.connect(server.connectString());
            try {
                zk.create("/mezzo", "hello".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
            } finally {
                zk.close();
            }
        }
        // the port is free again and the data survived: a second server on the same directory sees the znode
        try (ZooKeeperServerRunner server = ZooKeeperServerRunner.start("127.0.0.1", port, dir, 500, 30_000)) {
            ZooKeeper zk = TestClients.connect(server.connectString());
            try {
                assertThat(new String(zk.getData("/mezzo", false, null), StandardCharsets.UTF_8)).isEqualTo("hello");
            } finally {
                zk.close();
            }
        }
    }
}
