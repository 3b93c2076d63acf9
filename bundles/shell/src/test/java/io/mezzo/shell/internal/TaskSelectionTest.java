package io.mezzo.shell.internal;

import static io.mezzo.shell.internal.FakeMasterView.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.master.TaskSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskSelectionTest {
    private final List<TaskSnapshot> tasks = List.of(task("web", "f1", "a1", "TASK_RUNNING"),
            task("web", "f2", "a1", "TASK_FINISHED"), task("batch", "f1", "a2", "TASK_RUNNING"));

    @Test
    void filtersByStateAsTypedAndByFramework() {
        assertThat(TaskSelection.filter(tasks, Optional.of("running"), Optional.empty()))
                .extracting(TaskSnapshot::id).containsExactly("web", "batch");
        assertThat(TaskSelection.filter(tasks, Optional.of("TASK_RUNNING"), Optional.of("f1")))
                .hasSize(2);
        assertThat(TaskSelection.filter(tasks, Optional.empty(), Optional.of("f2")))
                .extracting(TaskSnapshot::state).containsExactly("TASK_FINISHED");
    }

    @Test
    void anUnknownStateIsOneClearLine() {
        assertThatThrownBy(() -> TaskSelection.filter(tasks, Optional.of("sleeping"), Optional.empty()))
                .isInstanceOf(ShellFailure.class).hasMessageStartingWith("Unknown task state 'sleeping'; one of: ")
                .hasMessageContaining("TASK_RUNNING");
    }

    @Test
    void aUniqueTaskIdNeedsNoFramework() {
        assertThat(TaskSelection.single(tasks, "batch", Optional.empty()).frameworkId()).isEqualTo("f1");
    }

    @Test
    void anIdInTwoFrameworksAsksForOne() {
        assertThatThrownBy(() -> TaskSelection.single(tasks, "web", Optional.empty()))
                .isInstanceOf(ShellFailure.class)
                .hasMessage("Task id web exists in frameworks f1, f2; choose one with --framework");
        assertThat(TaskSelection.single(tasks, "web", Optional.of("f2")).state()).isEqualTo("TASK_FINISHED");
    }

    @Test
    void unknownTasks() {
        assertThatThrownBy(() -> TaskSelection.single(tasks, "nope", Optional.empty()))
                .isInstanceOf(ShellFailure.class).hasMessage("Unknown task nope");
        assertThatThrownBy(() -> TaskSelection.single(tasks, "batch", Optional.of("f2")))
                .isInstanceOf(ShellFailure.class).hasMessage("Unknown task batch in framework f2");
    }
}
