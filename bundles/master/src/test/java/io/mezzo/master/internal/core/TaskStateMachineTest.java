package io.mezzo.master.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

class TaskStateMachineTest {
    @Test
    void runningTasksMoveOnTerminalTasksDoNot() {
        assertThat(TaskStateMachine.allows(TaskState.TASK_STAGING, TaskState.TASK_RUNNING)).isTrue();
        assertThat(TaskStateMachine.allows(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED)).isTrue();
        assertThat(TaskStateMachine.allows(TaskState.TASK_FINISHED, TaskState.TASK_RUNNING)).isFalse();
        assertThat(TaskStateMachine.allows(TaskState.TASK_KILLED, TaskState.TASK_FAILED)).isFalse();
        assertThat(TaskStateMachine.allows(TaskState.TASK_RUNNING, TaskState.TASK_RUNNING)).isFalse();
    }

    @Test
    void unreachableIsNotTerminalAndRecovers() {
        assertThat(TaskStateMachine.isTerminal(TaskState.TASK_UNREACHABLE)).isFalse();
        assertThat(TaskStateMachine.allows(TaskState.TASK_UNREACHABLE, TaskState.TASK_RUNNING)).isTrue();
        assertThat(TaskStateMachine.isTerminal(TaskState.TASK_LOST)).isTrue();
    }
}
