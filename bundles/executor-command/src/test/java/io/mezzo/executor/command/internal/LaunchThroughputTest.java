package io.mezzo.executor.command.internal;

import static io.mezzo.api.executor.ExecutorTaskState.FINISHED;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Launching many short tasks costs process spawns, not timers or per-task threads. */
class LaunchThroughputTest extends ExecutorTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LaunchThroughputTest.class);
    private static final int TASKS = 1000;

    @Test
    void thousandTrueTasksFinishInSeconds() {
        CommandExecutor executor = newExecutor();
        RecordingListener listener = new RecordingListener();
        List<CompletableFuture<TaskUpdate>> ends = new ArrayList<>();

        long start = System.nanoTime();
        for (int i = 0; i < TASKS; i++) {
            RunningTask task = executor.launch(TaskLaunch.shell("t" + i, "fw-1", sandbox("t" + i), "true").build(),
                    listener);
            ends.add(task.termination().toCompletableFuture());
        }
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("{} 'true' tasks launched and finished in {} ms", TASKS, took.toMillis());

        assertThat(ends).allSatisfy(end -> assertThat(end.join().state()).isEqualTo(FINISHED));
        assertThat(listener.terminalCount()).isEqualTo(TASKS);
        // about 3.5 s on an idle 2-CPU machine; the bound leaves room for a busy CI box, not for per-task waits
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }
}
