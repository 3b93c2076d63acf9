package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DRF paper's example through the real master and two HTTP schedulers: 9 CPUs and 18 GB;
 * A runs tasks of <1 CPU, 4 GB>, B of <3 CPUs, 1 GB>; each launches one task per offer while one
 * fits and declines for good when none does. Dominant Resource Fairness ends at A = 3, B = 2:
 * // A: 3 tasks = <3 CPUs, 12 GB>, dominant share mem 12/18 = 2/3
 * // B: 2 tasks = <6 CPUs,  2 GB>, dominant share cpu  6/9  = 2/3
 */
class DrfIT {
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("drf", "cpus:9;mem:18432");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void drfPaperExampleEndsAtThreeAndTwo() throws Exception {
        // both subscribe with offers suppressed, so neither gets a head start while the other connects
        try (TestScheduler a = subscribeSuppressed("drf-a");
                TestScheduler b = subscribeSuppressed("drf-b")) {
            Worker workerA = new Worker(a, "a", 1, 4096);
            Worker workerB = new Worker(b, "b", 3, 1024);
            a.client().revive();
            b.client().revive();
            Thread threadA = new Thread(workerA, "drf-a");
            Thread threadB = new Thread(workerB, "drf-b");
            threadA.start();
            threadB.start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> workerA.declined.get() > 0 && workerB.declined.get() > 0);
                assertThat(workerA.launched.get()).as("A's tasks").isEqualTo(3);
                assertThat(workerB.launched.get()).as("B's tasks").isEqualTo(2);
            } finally {
                workerA.stop = true;
                workerB.stop = true;
                threadA.join(TimeUnit.SECONDS.toMillis(10));
                threadB.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    private static TestScheduler subscribeSuppressed(String name) throws Exception {
        return TestScheduler.subscribe(node.baseUri(),
                FrameworkInfo.newBuilder().setUser("root").setName(name).addRoles("*").build(), List.of("*"));
    }

    /** A framework's offer loop: one task per offer while one fits, then a long decline. */
    private static final class Worker implements Runnable {
        private final TestScheduler scheduler;
        private final String prefix;
        private final double cpus;
        private final double mem;
        final AtomicInteger launched = new AtomicInteger();
        final AtomicInteger declined = new AtomicInteger();
        volatile boolean stop;

        Worker(TestScheduler scheduler, String prefix, double cpus, double mem) {
            this.scheduler = scheduler;
            this.prefix = prefix;
            this.cpus = cpus;
            this.mem = mem;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    Offer offer = scheduler.offers().poll(200, TimeUnit.MILLISECONDS);
                    if (offer == null) {
                        continue;
                    }
                    if (scalar(offer, "cpus") >= cpus && scalar(offer, "mem") >= mem) {
                        TaskInfo task = TestScheduler.shellTask(prefix + "-" + launched.get(), offer.getAgentId(),
                                "sleep 300", cpus, mem);
                        scheduler.launch(offer, List.of(task));
                        launched.incrementAndGet();
                    } else {
                        scheduler.decline(offer, 3600);
                        declined.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(prefix + " failed", e);
            }
        }

        private static double scalar(Offer offer, String name) {
            return offer.getResourcesList().stream().filter(r -> r.getName().equals(name))
                    .mapToDouble(r -> r.getScalar().getValue()).sum();
        }
    }
}
