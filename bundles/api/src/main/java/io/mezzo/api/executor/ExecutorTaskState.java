package io.mezzo.api.executor;

/** The task states an executor can report; the agent maps them onto Mesos' {@code TASK_*} states. */
public enum ExecutorTaskState {
    /** The executor accepted the task and is preparing it (fetching URIs, spawning). */
    STARTING(false),
    /** The task's process exists. */
    RUNNING(false),
    /** The task ended with exit status 0. */
    FINISHED(true),
    /** The task ended with a non-zero status, could not be started, or vanished. */
    FAILED(true),
    /** The task ended because it was killed. */
    KILLED(true),
    /** The task description was invalid; nothing was run. */
    ERROR(true);

    private final boolean terminal;

    ExecutorTaskState(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether no further update follows this one. */
    public boolean isTerminal() {
        return terminal;
    }
}
