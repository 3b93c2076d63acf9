package io.mezzo.shell.internal.exec;

import java.util.Optional;

/**
 * How an exec ended.
 *
 * @param state the task's terminal state ({@code TASK_FINISHED} ...), empty if it never got one
 *     (timeout, lost connection, master error)
 * @param summary one line for the operator
 * @param agentId where the task ran, if it was launched
 * @param frameworkId the exec's framework, once subscribed
 */
public record ExecOutcome(Optional<String> state, String summary, Optional<String> agentId,
        Optional<String> frameworkId) {

    public boolean succeeded() {
        return state.filter("TASK_FINISHED"::equals).isPresent();
    }
}
