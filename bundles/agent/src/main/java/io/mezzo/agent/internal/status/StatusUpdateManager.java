package io.mezzo.agent.internal.status;

import com.google.protobuf.ByteString;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reliable, ordered delivery of task status updates (at least once), like Mesos'
 * task_status_update_manager: one {@link StatusUpdateStream} per task, a fresh 16-byte uuid per
 * update, one update in flight per task, resent with capped exponential backoff until the
 * framework's acknowledgement comes back through the master.
 *
 * <p>Pure logic, no I/O: callers send what the methods return and checkpoint the streams they
 * touched. Not thread-safe: owned by the agent's event loop. Time comes from the injected clock.
 */
public final class StatusUpdateManager {
    private final Clock clock;
    private final Duration retryInterval;
    private final Duration maxRetryInterval;
    private final Map<TaskID, StatusUpdateStream> streams = new LinkedHashMap<>();

    public StatusUpdateManager(Clock clock, Duration retryInterval, Duration maxRetryInterval) {
        if (retryInterval.isNegative() || retryInterval.isZero() || maxRetryInterval.compareTo(retryInterval) < 0) {
            throw new IllegalArgumentException("need 0 < retry interval <= max: " + retryInterval + ", "
                    + maxRetryInterval);
        }
        this.clock = clock;
        this.retryInterval = retryInterval;
        this.maxRetryInterval = maxRetryInterval;
    }

    /**
     * Queues a new update, stamping it with a fresh uuid.
     *
     * @return the update to send now if it became its stream's head, otherwise empty (it waits
     *     behind unacknowledged ones)
     */
    public Optional<AgentCall.Update> update(FrameworkID frameworkId, TaskStatus status) {
        TaskStatus stamped = status.toBuilder().setUuid(randomUuid()).build();
        StatusUpdateStream stream = streams.computeIfAbsent(status.getTaskId(),
                id -> new StatusUpdateStream(frameworkId, id, status.getState()));
        boolean wasIdle = stream.pending().isEmpty();
        stream.append(stamped);
        return wasIdle ? sendHead(stream) : Optional.empty();
    }

    /** The outcome of an acknowledgement, and the update to send next (if one is waiting). */
    public record Acknowledged(StatusUpdateStream.Ack ack, Optional<AgentCall.Update> next) {
    }

    public Acknowledged acknowledge(TaskID taskId, ByteString uuid) {
        StatusUpdateStream stream = streams.get(taskId);
        if (stream == null) {
            return new Acknowledged(StatusUpdateStream.Ack.IGNORED, Optional.empty());
        }
        StatusUpdateStream.Ack ack = stream.acknowledge(uuid);
        switch (ack) {
            case TERMINATED:
                streams.remove(taskId);
                return new Acknowledged(ack, Optional.empty());
            case ACCEPTED:
                return new Acknowledged(ack, sendHead(stream));
            default:
                return new Acknowledged(ack, Optional.empty());
        }
    }

    /** Heads whose retry time has come; each is rescheduled with a doubled (capped) interval. */
    public List<AgentCall.Update> due() {
        List<AgentCall.Update> resend = new ArrayList<>();
        for (StatusUpdateStream stream : streams.values()) {
            if (stream.isDue(clock.instant())) {
                sendHead(stream).ifPresent(resend::add);
            }
        }
        return resend;
    }

    /** Every head at once with a fresh backoff: after (re-)registering with a master. */
    public List<AgentCall.Update> resendAll() {
        streams.values().forEach(StatusUpdateStream::resetBackoff);
        return due();
    }

    /** Re-creates a stream read back from a checkpoint; its head is due at once. */
    public void restore(FrameworkID frameworkId, TaskID taskId, TaskState latestState, List<TaskStatus> pending) {
        StatusUpdateStream stream = new StatusUpdateStream(frameworkId, taskId, latestState);
        pending.forEach(stream::append);
        streams.put(taskId, stream);
    }

    /** Forgets a task's stream without delivering it (the task is unknown to the master for good). */
    public void forget(TaskID taskId) {
        streams.remove(taskId);
    }

    public Optional<StatusUpdateStream> stream(TaskID taskId) {
        return Optional.ofNullable(streams.get(taskId));
    }

    public Collection<StatusUpdateStream> streams() {
        return List.copyOf(streams.values());
    }

    /** Updates waiting for an acknowledgement, over all tasks. */
    public int pendingCount() {
        return streams.values().stream().mapToInt(s -> s.pending().size()).sum();
    }

    /** When the earliest head is due again, to schedule the next retry pass. */
    public Optional<java.time.Instant> nextRetry() {
        return streams.values().stream()
                .filter(s -> !s.pending().isEmpty())
                .map(StatusUpdateStream::nextAttempt)
                .min(java.time.Instant::compareTo);
    }

    private Optional<AgentCall.Update> sendHead(StatusUpdateStream stream) {
        Optional<AgentCall.Update> head = stream.head();
        head.ifPresent(h -> stream.sent(clock.instant(), retryInterval, maxRetryInterval));
        return head;
    }

    static ByteString randomUuid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
    }
}
