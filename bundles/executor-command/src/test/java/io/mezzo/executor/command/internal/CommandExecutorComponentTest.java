package io.mezzo.executor.command.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.TaskLaunch;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component built as SCR would build it: deactivation must leave tasks running. */
class CommandExecutorComponentTest {
    @TempDir
    Path work;

    private static CommandExecutorComponent.Config defaults() {
        return new CommandExecutorComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CommandExecutorComponent.Config.class;
            }

            @Override
            public int launch_threads() {
                return 2;
            }

            @Override
            public long reattach_poll_interval_ms() {
                return 50;
            }

            @Override
            public String[] inherited_environment() {
                return new String[] {"PATH"};
            }
        };
    }

    @Test
    void deactivationLeavesTasksRunningForTheNextInstance() throws Exception {
        Path sandbox = work.resolve("t1");
        RecordingListener first = new RecordingListener();
        CommandExecutorComponent component = new CommandExecutorComponent(defaults());
        component.launch(TaskLaunch.shell("t1", "fw-1", sandbox, "while [ ! -f go ]; do sleep 0.05; done; ls go")
                .build(), first);
        first.awaitState("t1", ExecutorTaskState.RUNNING);

        component.deactivate();
        CommandExecutorComponent next = new CommandExecutorComponent(defaults());
        RecordingListener second = new RecordingListener();
        try {
            next.recover(List.of(sandbox), second);
            assertThat(second.states("t1")).containsExactly(ExecutorTaskState.RUNNING);
            Files.writeString(sandbox.resolve("go"), "");

            assertThat(second.awaitTerminal("t1").state()).isEqualTo(ExecutorTaskState.FINISHED);
            assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("go\n");
        } finally {
            next.shutdown(Duration.ZERO).toCompletableFuture().join();
            next.deactivate();
        }
    }
}
