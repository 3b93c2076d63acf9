package io.mezzo.agent.internal.status;

import com.google.protobuf.ByteString;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One task's status updates in the order they happened. Only the head is in flight: it is resent
 * on a backoff schedule until the framework acknowledges its uuid, and only then does the next
 * update go out, so a framework never sees a task's states out of order. Not thread-safe: owned
 * by the agent's event loop.
 */
public final class StatusUpdateStream {
    private final FrameworkID frameworkId;
    private final TaskID taskId;
    private final Deque<TaskStatus> pending = new ArrayDeque<>();
    private TaskState latestState;
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff = Duration.ZERO;

    StatusUpdateStream(FrameworkID frameworkId, TaskID taskId, TaskState latestState) {
        this.frameworkId = frameworkId;
        this.taskId = taskId;
        this.latestState = latestState;
    }

    /** What became of an acknowledgement. */
    public enum Ack {
        /** The uuid is not the head's (a duplicate or stale acknowledgement): nothing changed. */
        IGNORED,
        /** The head was acknowledged; the stream has more to send or waits for the next update. */
        ACCEPTED,
        /** The terminal update was acknowledged: the task is done and can be forgotten. */
        TERMINATED
    }

    void append(TaskStatus status) {
        pending.addLast(status);
        latestState = status.getState();
    }

    Ack acknowledge(ByteString uuid) {
        TaskStatus head = pending.peekFirst();
        if (head == null || !head.getUuid().equals(uuid)) {
            return Ack.IGNORED;
        }
        pending.removeFirst();
        nextAttempt = Instant.MIN;
        backoff = Duration.ZERO;
        return pending.isEmpty() && isTerminal(head.getState()) ? Ack.TERMINATED : Ack.ACCEPTED;
    }

    /** The head update as it goes on the wire (carrying the newest known state), if any. */
    public Optional<AgentCall.Update> head() {
        TaskStatus head = pending.peekFirst();
        if (head == null) {
            return Optional.empty();
        }
        return Optional.of(AgentCall.Update.newBuilder()
                .setFrameworkId(frameworkId)
                .setStatus(head)
                .setLatestState(latestState)
                .build());
    }

    boolean isDue(Instant now) {
        return !pending.isEmpty() && !now.isBefore(nextAttempt);
    }

    /** Records that the head was just sent, and when to send it again if no ack arrives. */
    void sent(Instant now, Duration initial, Duration max) {
        backoff = backoff.isZero() ? initial : min(backoff.multipliedBy(2), max);
        nextAttempt = now.plus(backoff);
    }

    void resetBackoff() {
        nextAttempt = Instant.MIN;
        backoff = Duration.ZERO;
    }

    public FrameworkID frameworkId() {
        return frameworkId;
    }

    public TaskID taskId() {
        return taskId;
    }

    public TaskState latestState() {
        return latestState;
    }

    /** Updates not yet acknowledged, oldest first (what a checkpoint must keep). */
    public List<TaskStatus> pending() {
        return List.copyOf(pending);
    }

    Instant nextAttempt() {
        return nextAttempt;
    }

    /** Mesos' terminal states: no update follows them. */
    public static boolean isTerminal(TaskState state) {
        switch (state) {
            case TASK_FINISHED:
            case TASK_FAILED:
            case TASK_KILLED:
            case TASK_ERROR:
            case TASK_LOST:
            case TASK_DROPPED:
            case TASK_GONE:
            case TASK_GONE_BY_OPERATOR:
                return true;
            default:
                return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
