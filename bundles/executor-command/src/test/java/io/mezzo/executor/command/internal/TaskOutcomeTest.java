package io.mezzo.executor.command.internal;

import static io.mezzo.api.executor.ExecutorTaskState.FAILED;
import static io.mezzo.api.executor.ExecutorTaskState.FINISHED;
import static io.mezzo.api.executor.ExecutorTaskState.KILLED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskOutcomeTest {

    @Test
    void zeroFinishes() {
        assertThat(TaskOutcome.of(OptionalInt.of(0), false, 1))
                .isEqualTo(new TaskOutcome(FINISHED, "Command exited with status 0", OptionalInt.of(0)));
    }

    @Test
    void nonZeroFails() {
        assertThat(TaskOutcome.of(OptionalInt.of(3), false, 1))
                .isEqualTo(new TaskOutcome(FAILED, "Command exited with status 3", OptionalInt.of(3)));
    }

    @Test
    void aKillWinsWhateverTheStatus() {
        // 143 = 128 + SIGTERM; no status at all when SIGKILL took the wrapper too
        assertThat(TaskOutcome.of(OptionalInt.of(143), true, 1).state()).isEqualTo(KILLED);
        assertThat(TaskOutcome.of(OptionalInt.of(0), true, 1).state()).isEqualTo(KILLED);
        assertThat(TaskOutcome.of(OptionalInt.empty(), true, 1).state()).isEqualTo(KILLED);
    }

    @Test
    void noStatusWithoutAKillIsAFailureThatSaysSo() {
        TaskOutcome outcome = TaskOutcome.of(OptionalInt.empty(), false, 42);

        assertThat(outcome.state()).isEqualTo(FAILED);
        assertThat(outcome.message()).contains("42").contains("without recording an exit status");
    }
}
