package io.mezzo.master.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MasterLoopTest {
    private final MasterLoop loop = new MasterLoop(() -> new MasterHarness().master, Duration.ofHours(1));

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void commandsRunOnTheLoopOnlyWhileLeading() throws Exception {
        assertThat(loop.call(m -> "ran").get(10, TimeUnit.SECONDS)).as("not leading yet").isEmpty();
        loop.elected();
        assertThat(loop.call(m -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
                .contains("mezzo-master-loop");
        loop.demoted();
        assertThat(loop.call(m -> "ran").get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void endOfBatchWorkRunsAfterEveryCommandQueuedMeanwhile() throws Exception {
        loop.elected();
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Optional<Boolean>> a = loop.call(m -> {
            order.add("a");
            loop.batchEnd().execute(() -> order.add("written"));
            started.countDown();
            await(release);
            return true;
        });
        started.await(10, TimeUnit.SECONDS);
        // queued while a runs: the same batch, so before the end-of-batch work
        CompletableFuture<Optional<Boolean>> b = loop.call(m -> order.add("b"));
        CompletableFuture<Optional<Boolean>> c = loop.call(m -> order.add("c"));
        release.countDown();
        CompletableFuture.allOf(a, b, c).get(10, TimeUnit.SECONDS);
        loop.call(m -> true).get(10, TimeUnit.SECONDS); // a later batch: the first one has ended

        assertThat(order).containsExactly("a", "b", "c", "written");
    }

    @Test
    void endOfBatchWorkHandedOverOffTheLoopRunsAtOnce() {
        List<String> ran = new CopyOnWriteArrayList<>();
        loop.batchEnd().execute(() -> ran.add(Thread.currentThread().getName()));
        assertThat(ran).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void closingAnswersWhatWasAcceptedAndRefusesTheRest() throws Exception {
        loop.elected();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<Boolean>> busy = loop.call(m -> await(release));
        CompletableFuture<Optional<String>> queued = loop.call(m -> "late");
        Thread closer = new Thread(loop::close);
        closer.start();
        release.countDown();
        closer.join(10_000);

        assertThat(busy.get(10, TimeUnit.SECONDS)).contains(true);
        // accepted before the close (and its demotion): it runs, in order
        assertThat(queued.get(10, TimeUnit.SECONDS)).contains("late");
        assertThatThrownBy(() -> loop.call(m -> "too late").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
