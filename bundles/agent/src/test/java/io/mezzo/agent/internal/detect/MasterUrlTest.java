package io.mezzo.agent.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.v1.Protos.Address;
import io.mezzo.api.v1.Protos.MasterInfo;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterUrlTest {

    @Test
    void zooKeeperEnsembleWithPath() {
        MasterUrl url = MasterUrl.parse("zk://h1:2181,h2:2182/mezzo");

        assertThat(url.fixed()).isEmpty();
        assertThat(url.zooKeeper()).hasValueSatisfying(zk -> {
            assertThat(zk.connectString()).isEqualTo("h1:2181,h2:2182");
            assertThat(zk.path()).isEqualTo("/mezzo");
            assertThat(zk.leaderPath()).isEqualTo("/mezzo/leader");
        });
    }

    @Test
    void zooKeeperWithoutPathUsesTheRoot() {
        assertThat(MasterUrl.parse("zk://127.0.0.1:2181").zooKeeper().orElseThrow().leaderPath())
                .isEqualTo("/leader");
        assertThat(MasterUrl.parse("zk://h:1/a/b/").zooKeeper().orElseThrow().path()).isEqualTo("/a/b");
    }

    @Test
    void fixedHostPort() {
        assertThat(MasterUrl.parse("127.0.0.1:5050").fixed()).contains(URI.create("http://127.0.0.1:5050"));
        assertThat(MasterUrl.parse("http://master:5050/").fixed()).contains(URI.create("http://master:5050"));
        assertThat(MasterUrl.parse(" 127.0.0.1:5050 ").zooKeeper()).isEmpty();
    }

    @Test
    void malformedUrlsAreRejectedWithTheReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> MasterUrl.parse("")).withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> MasterUrl.parse("zk:///mezzo"))
                .withMessageContaining("no ZooKeeper hosts");
        assertThatIllegalArgumentException().isThrownBy(() -> MasterUrl.parse("zk://h1,h2:2181/x"))
                .withMessageContaining("host:port");
        assertThatIllegalArgumentException().isThrownBy(() -> MasterUrl.parse("master"));
        assertThatIllegalArgumentException().isThrownBy(() -> MasterUrl.parse("master:http"));
        assertThatIllegalArgumentException().isThrownBy(() -> MasterUrl.parse("master:70000"));
    }

    @Test
    void leaderIsTheLatchParticipantWithTheLowestSequence() {
        List<String> children = List.of(
                "_c_9b1d1e52-latch-0000000007",
                "_c_0a4f3c11-latch-0000000003",
                "_c_77aa0e1c-latch-0000000012",
                "not-a-latch-node");

        assertThat(LeaderLatchNodes.leader(children)).contains("_c_0a4f3c11-latch-0000000003");
        assertThat(LeaderLatchNodes.leader(List.of("junk", "latch-"))).isEmpty();
        assertThat(LeaderLatchNodes.leader(List.of())).isEmpty();
    }

    @Test
    void masterInfoJsonGivesTheMastersBaseUrl() throws Exception {
        MasterInfo info = MasterInfo.newBuilder().setId("m1").setIp(0x0100007f).setPort(5050)
                .setHostname("master1").setAddress(Address.newBuilder().setIp("127.0.0.1").setPort(5051)).build();

        assertThat(MasterInfos.baseUri(MasterInfos.decode(JsonCodec.toJsonBytes(info))))
                .as("address.port wins; hostname before ip").isEqualTo(URI.create("http://master1:5051"));
        // 127.0.0.1 packed in network order is 0x0100007f
        assertThat(MasterInfos.baseUri(MasterInfo.newBuilder().setId("m").setIp(0x0100007f).setPort(5050).build()))
                .isEqualTo(URI.create("http://127.0.0.1:5050"));
    }
}
