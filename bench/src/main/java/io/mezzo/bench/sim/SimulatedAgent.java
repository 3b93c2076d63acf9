package io.mezzo.bench.sim;

import com.google.protobuf.ByteString;
import io.mezzo.api.agent.AgentProtocol;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The agent side of Mezzo's agent protocol with tasks that run only in memory: a RUN_TASK becomes
 * TASK_RUNNING at once and TASK_FINISHED after the configured duration (TASK_KILLED on KILL_TASK).
 * Status updates follow the real agent's rules (one stream per task, only the head in flight,
 * carrying the newest state as {@code latest_state}, resent until an ACKNOWLEDGE names its uuid),
 * PINGs are answered with PONGs. Like the real agent, the heads that one batch of events (or one
 * timer, or one resend sweep) made ready go out together in one UPDATE call. A re-subscription
 * (after the stream broke, e.g. a master failover) carries the agent's id, its tasks with their
 * latest states and their frameworks, as the real agent's does, so the new leader adopts them.
 *
 * <p>Transport-free so it can be tested without HTTP: calls go to an outbox, delays to a
 * {@link Timer}, time comes from a nanosecond source. Methods are synchronized because events
 * (HTTP client threads), timers and the retry sweep may call concurrently; one agent is never hot
 * enough for that lock to matter.
 */
public final class SimulatedAgent {

    /** Where calls go; {@code answered} runs once the master answered (or the call failed). */
    @FunctionalInterface
    public interface Outbox {
        void send(AgentCall call, Runnable answered);
    }

    /** Runs work later; {@link SimulatedCluster} backs it with one shared scheduled executor. */
    @FunctionalInterface
    public interface Timer {
        void schedule(Duration delay, Runnable work);
    }

    private final AgentInfo info;
    private final Duration taskDuration;
    private final Duration retryInterval;
    private final Timer timer;
    private final LongSupplier nanoTime;
    private final Outbox outbox;
    /** Per task (framework id + task id): updates not yet acknowledged, head first. */
    private final Map<String, UpdateStream> streams = new HashMap<>();
    /** Streams whose head goes out in the next UPDATE call. */
    private final List<UpdateStream> ready = new ArrayList<>();
    private AgentID agentId;
    private long tasksLaunched;
    private long updatesSent;
    private long updateCalls;
    private long updatesResent;

    public SimulatedAgent(AgentInfo info, Duration taskDuration, Duration retryInterval, Timer timer,
            LongSupplier nanoTime, Outbox outbox) {
        this.info = info;
        this.taskDuration = taskDuration;
        this.retryInterval = retryInterval;
        this.timer = timer;
        this.nanoTime = nanoTime;
        this.outbox = outbox;
    }

    /**
     * The SUBSCRIBE call; once the agent has an id, a re-registration: the id, every task it
     * still tracks (state, last status, the head of its unacknowledged updates) and their
     * frameworks, built as the real agent's {@code TaskBook.tasksForMaster} builds them.
     */
    public synchronized AgentCall subscribeCall() {
        AgentCall.Subscribe.Builder subscribe = AgentCall.Subscribe.newBuilder().setVersion("mezzo-sim");
        if (agentId == null) {
            return AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setSubscribe(subscribe.setAgentInfo(info))
                    .build();
        }
        subscribe.setAgentInfo(info.toBuilder().setId(agentId));
        Map<FrameworkID, FrameworkInfo> frameworks = new LinkedHashMap<>();
        for (UpdateStream s : streams.values()) {
            Task.Builder task = Task.newBuilder().setName(s.task.getName()).setTaskId(s.taskId)
                    .setFrameworkId(s.frameworkId).setAgentId(agentId).setState(s.latestState)
                    .addAllResources(s.task.getResourcesList());
            if (s.lastStatus != null) {
                task.addStatuses(s.lastStatus);
            }
            if (!s.pending.isEmpty()) {
                task.setStatusUpdateState(s.pending.peekFirst().getState())
                        .setStatusUpdateUuid(s.pending.peekFirst().getUuid());
            }
            subscribe.addTasks(task);
            frameworks.putIfAbsent(s.frameworkId, s.framework);
        }
        subscribe.addAllFrameworks(frameworks.values());
        return AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setAgentId(agentId).setSubscribe(subscribe)
                .build();
    }

    /** Handles one event and sends what it produced. */
    public synchronized void onEvent(AgentEvent event) {
        handle(event);
        flush();
    }

    /** Handles the events one read brought, then sends the updates they produced in one call. */
    public synchronized void onEvents(List<AgentEvent> events) {
        events.forEach(this::handle);
        flush();
    }

    private void handle(AgentEvent event) {
        switch (event.getType()) {
            case SUBSCRIBED -> {
                agentId = event.getSubscribed().getAgentId();
                // after a reconnect the master has a new stream: resend what it may have missed
                streams.values().forEach(s -> {
                    s.nextAttemptNanos = Long.MIN_VALUE;
                    s.inTransit = false;
                });
                resendDue();
            }
            case RUN_TASK -> run(event.getRunTask().getFrameworkInfo(), event.getRunTask().getTask());
            case KILL_TASK -> kill(event.getKillTask().getFrameworkId(), event.getKillTask().getTaskId());
            case ACKNOWLEDGE -> acknowledge(event.getAcknowledge());
            case PING -> outbox.send(call(AgentCall.Type.PONG)
                    .setPong(AgentCall.Pong.newBuilder().setSequence(event.getPing().getSequence())).build(), () -> { });
            case SHUTDOWN -> List.copyOf(streams.values()).forEach(s -> kill(s.frameworkId, s.taskId));
            case SHUTDOWN_FRAMEWORK -> List.copyOf(streams.values()).stream()
                    .filter(s -> s.frameworkId.equals(event.getShutdownFramework().getFrameworkId()))
                    .forEach(s -> kill(s.frameworkId, s.taskId));
            default -> {
                // MESSAGE and unknown events: a simulated executor has nothing to do with them
            }
        }
    }

    private void run(FrameworkInfo framework, TaskInfo task) {
        String key = key(framework.getId(), task.getTaskId());
        if (streams.containsKey(key)) {
            return; // a duplicate RUN_TASK (the master resent it): the task already runs
        }
        tasksLaunched++;
        UpdateStream stream = new UpdateStream(framework, task);
        streams.put(key, stream);
        if (taskDuration.isZero()) {
            // both states exist before anything goes out, so the head (RUNNING) already carries
            // latest_state FINISHED and the master frees the resources one round trip earlier
            record(stream, TaskState.TASK_RUNNING);
            record(stream, TaskState.TASK_FINISHED);
            send(stream);
        } else {
            append(stream, TaskState.TASK_RUNNING);
            timer.schedule(taskDuration, () -> finish(key));
        }
    }

    private synchronized void finish(String key) {
        UpdateStream stream = streams.get(key);
        if (stream != null && !isTerminal(stream.latestState)) {
            append(stream, TaskState.TASK_FINISHED);
            flush();
        }
    }

    private void kill(FrameworkID frameworkId, TaskID taskId) {
        UpdateStream stream = streams.get(key(frameworkId, taskId));
        if (stream != null && !isTerminal(stream.latestState)) {
            append(stream, TaskState.TASK_KILLED);
        }
    }

    private void acknowledge(AgentEvent.Acknowledge ack) {
        String key = key(ack.getFrameworkId(), ack.getTaskId());
        UpdateStream stream = streams.get(key);
        if (stream == null || stream.pending.isEmpty() || !stream.pending.peekFirst().getUuid().equals(ack.getUuid())) {
            return; // stale or duplicate acknowledgement
        }
        TaskStatus done = stream.pending.removeFirst();
        stream.attempts = 0;
        if (stream.pending.isEmpty() && isTerminal(done.getState())) {
            streams.remove(key);
        } else if (!stream.pending.isEmpty()) {
            send(stream);
        }
    }

    /** Records a new state; it goes out at once if nothing else of the task's is in flight. */
    private void append(UpdateStream stream, TaskState state) {
        record(stream, state);
        if (stream.pending.size() == 1) {
            send(stream);
        }
    }

    /**
     * Sends the head update. The retry clock starts when the master answered, not when the call
     * was queued: a backlog of calls on our side must not look like lost updates, or resends pile
     * onto the backlog and the run collapses. Each resend doubles the wait (as Mesos' agent does).
     */
    private void record(UpdateStream stream, TaskState state) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(stream.taskId).setState(state)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(newUuid())
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        if (agentId != null) {
            status.setAgentId(agentId);
        }
        stream.lastStatus = status.build();
        stream.pending.addLast(stream.lastStatus);
        stream.latestState = state;
    }

    /** Marks the stream's head for the next call. */
    private void send(UpdateStream stream) {
        stream.inTransit = true;
        stream.nextAttemptNanos = Long.MAX_VALUE;
        if (!stream.ready) {
            stream.ready = true;
            ready.add(stream);
        }
    }

    /** Sends the marked heads, as few calls as the protocol's limit allows. */
    private void flush() {
        if (ready.isEmpty()) {
            return;
        }
        List<UpdateStream> batch = new ArrayList<>(ready);
        ready.clear();
        batch.forEach(s -> s.ready = false);
        batch.removeIf(s -> s.pending.isEmpty()); // acknowledged to the end meanwhile
        for (int from = 0; from < batch.size(); from += AgentProtocol.MAX_UPDATES_PER_CALL) {
            List<UpdateStream> part = List.copyOf(batch.subList(from,
                    Math.min(batch.size(), from + AgentProtocol.MAX_UPDATES_PER_CALL)));
            AgentCall.Builder call = call(AgentCall.Type.UPDATE);
            for (UpdateStream stream : part) {
                call.addUpdates(AgentCall.Update.newBuilder().setFrameworkId(stream.frameworkId)
                        .setStatus(stream.pending.peekFirst()).setLatestState(stream.latestState));
            }
            updatesSent += part.size();
            updateCalls++;
            outbox.send(call.build(), () -> answered(part));
        }
    }

    private synchronized void answered(List<UpdateStream> part) {
        long now = nanoTime.getAsLong();
        for (UpdateStream stream : part) {
            stream.inTransit = false;
            long backoff = retryInterval.toNanos() << Math.min(stream.attempts++, 6);
            stream.nextAttemptNanos = now + backoff;
        }
    }

    /** Resends every head update whose acknowledgement is overdue; called by a periodic sweep. */
    public synchronized int resendDue() {
        if (agentId == null) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        int resent = 0;
        for (Iterator<UpdateStream> it = streams.values().iterator(); it.hasNext();) {
            UpdateStream s = it.next();
            if (!s.pending.isEmpty() && !s.inTransit && now - s.nextAttemptNanos >= 0) {
                updatesResent++;
                resent++;
                send(s);
            }
        }
        flush();
        return resent;
    }

    private AgentCall.Builder call(AgentCall.Type type) {
        AgentCall.Builder b = AgentCall.newBuilder().setType(type);
        if (agentId != null) {
            b.setAgentId(agentId);
        }
        return b;
    }

    public synchronized String agentId() {
        return agentId == null ? null : agentId.getValue();
    }

    /** Tasks running or with updates still waiting for acknowledgement. */
    public synchronized int activeTasks() {
        return streams.size();
    }

    public synchronized long tasksLaunched() {
        return tasksLaunched;
    }

    public synchronized long updatesSent() {
        return updatesSent;
    }

    /** UPDATE calls sent; {@link #updatesSent} over this is the batching achieved. */
    public synchronized long updateCalls() {
        return updateCalls;
    }

    public synchronized long updatesResent() {
        return updatesResent;
    }

    /** Task ids still tracked, for tests. */
    synchronized List<String> trackedTasks() {
        List<String> out = new ArrayList<>();
        streams.values().forEach(s -> out.add(s.taskId.getValue()));
        return out;
    }

    private static String key(FrameworkID frameworkId, TaskID taskId) {
        return frameworkId.getValue() + '/' + taskId.getValue();
    }

    private static ByteString newUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(random.nextLong()).flip());
    }

    static boolean isTerminal(TaskState state) {
        return switch (state) {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE -> true;
            default -> false;
        };
    }

    /** One task's unacknowledged updates; only the head is on the wire. */
    private static final class UpdateStream {
        final FrameworkInfo framework;
        final FrameworkID frameworkId;
        final TaskInfo task;
        final TaskID taskId;
        final ArrayDeque<TaskStatus> pending = new ArrayDeque<>(2);
        TaskState latestState = TaskState.TASK_STAGING;
        TaskStatus lastStatus;
        long nextAttemptNanos;
        boolean inTransit;
        boolean ready;
        int attempts;

        UpdateStream(FrameworkInfo framework, TaskInfo task) {
            this.framework = framework;
            this.frameworkId = framework.getId();
            this.task = task;
            this.taskId = task.getTaskId();
        }
    }
}
