package io.mezzo.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.karaf.features.FeaturesService;
import org.apache.zookeeper.CreateMode;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The built distribution boots Mezzo: features, embedded ZooKeeper, HTTP at the root path. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return MezzoDistribution.options();
    }

    @Test
    public void bootFeaturesAreInstalled() throws Exception {
        for (String name : new String[] {"mezzo-local", "mezzo-zookeeper", "mezzo-master", "scr", "management", "ssh"}) {
            assertThat(features.isInstalled(features.getFeature(name))).as(name + " installed").isTrue();
        }
    }

    @Test
    public void embeddedZooKeeperServesARealCuratorClient() throws Exception {
        String connect = "127.0.0.1:" + MezzoDistribution.zkPort();
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(200))) {
            client.start();
            assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).as("connected to " + connect).isTrue();
            String path = client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath("/itest/distribution", "up".getBytes());
            assertThat(new String(client.getData().forPath(path))).isEqualTo("up");
        }
    }

    @Test
    public void healthAnswersAtTheRootPath() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + MezzoDistribution.httpPort() + "/health")).GET().build();
        // the HTTP endpoint is published asynchronously once CXF and the resources are up
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200));
    }
}
