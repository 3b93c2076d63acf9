package io.mezzo.agent.internal.task;

import io.mezzo.agent.internal.checkpoint.CheckpointStore;
import io.mezzo.agent.internal.checkpoint.TaskCheckpoint;
import io.mezzo.agent.internal.status.StatusUpdateManager;
import io.mezzo.agent.internal.status.StatusUpdateStream;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.executor.Executor;
import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskListener;
import io.mezzo.api.executor.TaskUpdate;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.KillPolicy;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's tasks: launches and kills them through the executor, turns executor updates into
 * status updates, and keeps every change checkpointed so a restarted agent knows what it ran.
 *
 * <p>Owned by the agent's event loop (single writer): every method is called on that thread. The
 * {@link TaskListener} given to the executor must therefore only enqueue onto the loop. Methods
 * return the status updates to send; retries are the {@link StatusUpdateManager}'s business.
 *
 * <p>Changes are checkpointed in batches: methods only note what changed, and {@link #commit}
 * writes it all at once and then starts the tasks launched meanwhile. The caller commits before it
 * sends any update these methods returned, so that a task is on disk before its process exists and
 * an update is on disk before a framework can see it.
 */
public final class TaskBook {
    private static final Logger LOG = LoggerFactory.getLogger(TaskBook.class);

    private final Executor executor;
    private final TaskListener listener;
    private final CheckpointStore store;
    private final SandboxLayout layout;
    private final StatusUpdateManager updates;
    private final Clock clock;
    private final Map<TaskID, AgentTask> tasks = new LinkedHashMap<>();
    /** Changes not yet committed: tasks to save, tasks to forget, launches to start. */
    private final Set<TaskID> unsaved = new LinkedHashSet<>();
    private final List<CheckpointStore.TaskKey> forgotten = new ArrayList<>();
    private final Map<TaskID, PendingLaunch> launches = new LinkedHashMap<>();
    /**
     * Frameworks the master removed for good (SHUTDOWN_FRAMEWORK): nobody will acknowledge their
     * updates, so their tasks are killed and forgotten once over instead of retried forever. Kept in
     * memory only: after a restart the master repeats the shutdown when the agent re-registers.
     */
    private final Set<FrameworkID> shutDown = new HashSet<>();

    private record PendingLaunch(AgentID agentId, TaskLaunch launch) {
    }

    public TaskBook(Executor executor, TaskListener listener, CheckpointStore store, SandboxLayout layout,
            StatusUpdateManager updates, Clock clock) {
        this.executor = executor;
        this.listener = listener;
        this.store = store;
        this.layout = layout;
        this.updates = updates;
        this.clock = clock;
    }

    /**
     * Reads the checkpoints back, re-attaches the executor to tasks still running, and fails the
     * ones it cannot find. Pending updates are restored and due at once.
     *
     * @return updates generated for tasks that could not be recovered
     */
    public List<AgentCall.Update> recover(AgentID agentId) throws IOException {
        List<Path> sandboxes = new ArrayList<>();
        for (TaskCheckpoint checkpoint : store.tasks()) {
            TaskID id = checkpoint.task().getTaskId();
            tasks.put(id, new AgentTask(checkpoint.framework(), checkpoint.task(), checkpoint.sandbox(),
                    checkpoint.latestState(), checkpoint.lastStatus()));
            updates.restore(checkpoint.framework().getId(), id, checkpoint.latestState(), checkpoint.pending());
            if (!StatusUpdateStream.isTerminal(checkpoint.latestState())) {
                sandboxes.add(checkpoint.sandbox());
            }
        }
        Set<String> found = executor.recover(sandboxes, listener).stream()
                .map(RunningTask::taskId).collect(Collectors.toSet());
        List<AgentCall.Update> send = new ArrayList<>();
        for (AgentTask task : List.copyOf(tasks.values())) {
            if (!StatusUpdateStream.isTerminal(task.state()) && !found.contains(task.id())) {
                LOG.warn("Task {} was not found after the agent restarted; reporting it failed", task.id());
                update(agentId, task, TaskState.TASK_FAILED, "Task could not be recovered after an agent restart",
                        TaskStatus.Source.SOURCE_AGENT, TaskStatus.Reason.REASON_EXECUTOR_TERMINATED)
                        .ifPresent(send::add);
            }
        }
        write();
        LOG.info("Recovered {} task(s), {} re-attached, {} status update(s) pending", tasks.size(), found.size(),
                updates.pendingCount());
        return send;
    }

    /**
     * Takes a task the master sent; it starts at the next {@link #commit}. Failures become
     * TASK_ERROR / TASK_FAILED updates.
     */
    public Optional<AgentCall.Update> run(AgentID agentId, FrameworkInfo framework, TaskInfo info) {
        TaskID id = info.getTaskId();
        AgentTask existing = tasks.get(id);
        if (existing != null && !existing.framework().getId().equals(framework.getId())) {
            // tasks, their update streams and the executor's processes are keyed by task id: taking
            // this one would cut the other framework's task off its updates. The refusal is sent once,
            // without a uuid (nothing to acknowledge), like an update the master makes itself.
            LOG.warn("Refusing task {} of framework {}: framework {} has a task of that id here", id.getValue(),
                    framework.getId().getValue(), existing.framework().getId().getValue());
            return Optional.of(AgentCall.Update.newBuilder().setFrameworkId(framework.getId())
                    .setStatus(status(agentId, id, TaskState.TASK_ERROR, "Task ID " + id.getValue()
                            + " is in use on this agent by another framework", TaskStatus.Source.SOURCE_AGENT,
                            TaskStatus.Reason.REASON_TASK_INVALID, Optional.empty()))
                    .build());
        }
        if (existing != null && !StatusUpdateStream.isTerminal(existing.state())) {
            LOG.warn("Ignoring RUN_TASK for task {}: it is already running here", id.getValue());
            return Optional.empty();
        }
        Path sandbox = layout.newSandbox(agentId.getValue(), framework.getId().getValue(),
                TaskLaunchMapper.executorId(info));
        AgentTask task = new AgentTask(framework, info, sandbox, TaskState.TASK_STAGING, Optional.empty());
        tasks.put(id, task);
        TaskLaunch launch;
        try {
            launch = TaskLaunchMapper.toLaunch(agentId.getValue(), framework, info, sandbox);
        } catch (IllegalArgumentException e) {
            return update(agentId, task, TaskState.TASK_ERROR, e.getMessage(), TaskStatus.Source.SOURCE_AGENT,
                    TaskStatus.Reason.REASON_TASK_INVALID);
        }
        checkpoint(task);
        launches.put(id, new PendingLaunch(agentId, launch));
        return Optional.empty();
    }

    /** Whether anything awaits a {@link #commit}. */
    public boolean hasUncommitted() {
        return !unsaved.isEmpty() || !forgotten.isEmpty() || !launches.isEmpty();
    }

    /**
     * Makes every change since the last commit durable with one write, then starts the tasks
     * launched meanwhile. A failed write throws and leaves everything pending for the next commit:
     * nothing is launched, and the caller must not send updates.
     *
     * @return updates for launches the executor refused, already committed
     */
    public List<AgentCall.Update> commit() {
        write();
        List<AgentCall.Update> refused = new ArrayList<>();
        List<PendingLaunch> starting = List.copyOf(launches.values());
        launches.clear();
        for (PendingLaunch pending : starting) {
            String id = pending.launch().taskId();
            try {
                executor.launch(pending.launch(), listener);
            } catch (RuntimeException e) {
                LOG.warn("Executor refused task {}", id, e);
                update(pending.agentId(), tasks.get(TaskID.newBuilder().setValue(id).build()), TaskState.TASK_FAILED,
                        "Launch failed: " + e.getMessage(), TaskStatus.Source.SOURCE_AGENT,
                        TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED).ifPresent(refused::add);
            }
        }
        write();
        return refused;
    }

    /** An executor's report about one of our tasks. Repeats of the known state are dropped. */
    public Optional<AgentCall.Update> onExecutorUpdate(AgentID agentId, TaskUpdate report) {
        AgentTask task = tasks.get(TaskID.newBuilder().setValue(report.taskId()).build());
        if (task == null) {
            LOG.warn("Dropping executor update for unknown task {}: {}", report.taskId(), report.state());
            return Optional.empty();
        }
        TaskState state = TaskLaunchMapper.toTaskState(report.state());
        if (state == task.state() || StatusUpdateStream.isTerminal(task.state())) {
            return Optional.empty();
        }
        String message = report.message();
        TaskStatus.Reason reason = report.exitCode().isPresent() && state == TaskState.TASK_FAILED
                ? TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED : null;
        return update(agentId, task, state, message, TaskStatus.Source.SOURCE_EXECUTOR, reason);
    }

    /**
     * Kills a task. An unknown task gets TASK_LOST (TASK_DROPPED for partition-aware frameworks)
     * as in Mesos, so the framework is not left waiting.
     */
    public Optional<AgentCall.Update> kill(AgentID agentId, FrameworkID frameworkId, TaskID taskId,
            Optional<KillPolicy> policy) {
        AgentTask task = tasks.get(taskId);
        if (task == null || StatusUpdateStream.isTerminal(task.state())) {
            if (task != null) {
                return Optional.empty(); // already over; its terminal update is on its way
            }
            if (shutDown.contains(frameworkId)) {
                return Optional.empty();
            }
            boolean partitionAware = frameworkOf(frameworkId)
                    .map(f -> f.getCapabilitiesList().stream()
                            .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.PARTITION_AWARE))
                    .orElse(false);
            TaskStatus status = status(agentId, taskId, partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST,
                    "Cannot find executor", TaskStatus.Source.SOURCE_AGENT,
                    TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, Optional.empty());
            return updates.update(frameworkId, status);
        }
        if (launches.remove(taskId) != null) {
            // killed in the same burst that launched it: there is no process to stop
            return update(agentId, task, TaskState.TASK_KILLED, "Killed before it was launched",
                    TaskStatus.Source.SOURCE_AGENT, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH);
        }
        KillPolicy effective = policy.orElse(task.info().hasKillPolicy() ? task.info().getKillPolicy() : null);
        if (!executor.kill(task.id(), TaskLaunchMapper.gracePeriod(effective))) {
            LOG.info("Executor did not know task {} any more; its terminal update should follow", task.id());
        }
        if (task.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)
                && task.state() != TaskState.TASK_KILLING) {
            return update(agentId, task, TaskState.TASK_KILLING, "Killing task", TaskStatus.Source.SOURCE_AGENT, null);
        }
        return Optional.empty();
    }

    /** Kills every non-terminal task of a framework (or of all when {@code frameworkId} is empty). */
    public List<AgentCall.Update> killAll(AgentID agentId, Optional<FrameworkID> frameworkId) {
        List<AgentCall.Update> send = new ArrayList<>();
        for (AgentTask task : List.copyOf(tasks.values())) {
            if (frameworkId.isEmpty() || frameworkId.get().equals(task.framework().getId())) {
                kill(agentId, task.framework().getId(), task.info().getTaskId(), Optional.empty()).ifPresent(send::add);
            }
        }
        return send;
    }

    /**
     * The master removed the framework for good: its tasks are killed, and each is forgotten as soon
     * as it is over, with no update sent, since no scheduler is left to acknowledge one.
     */
    public void shutdownFramework(AgentID agentId, FrameworkID frameworkId) {
        if (tasks.values().stream().noneMatch(t -> t.framework().getId().equals(frameworkId))) {
            return;
        }
        LOG.info("Framework {} was removed: killing and forgetting its tasks", frameworkId.getValue());
        shutDown.add(frameworkId);
        killAll(agentId, Optional.of(frameworkId));
        for (AgentTask task : List.copyOf(tasks.values())) {
            if (task.framework().getId().equals(frameworkId) && StatusUpdateStream.isTerminal(task.state())) {
                forget(task);
            }
        }
    }

    /** A framework acknowledged an update; a terminal one lets the agent forget the task. */
    public StatusUpdateManager.Acknowledged acknowledge(TaskID taskId, com.google.protobuf.ByteString uuid) {
        StatusUpdateManager.Acknowledged result = updates.acknowledge(taskId, uuid);
        AgentTask task = tasks.get(taskId);
        if (task != null) {
            if (result.ack() == StatusUpdateStream.Ack.TERMINATED) {
                tasks.remove(taskId);
                removeCheckpoint(task);
            } else if (result.ack() == StatusUpdateStream.Ack.ACCEPTED) {
                checkpoint(task);
            }
        }
        return result;
    }

    /** The tasks to report when (re-)registering, with their newest states. */
    public List<Task> tasksForMaster(AgentID agentId) {
        List<Task> result = new ArrayList<>();
        for (AgentTask task : tasks.values()) {
            Task.Builder t = Task.newBuilder().setName(task.info().getName()).setTaskId(task.info().getTaskId())
                    .setFrameworkId(task.framework().getId()).setAgentId(agentId).setState(task.state())
                    .addAllResources(task.info().getResourcesList());
            if (task.info().hasExecutor()) {
                t.setExecutorId(task.info().getExecutor().getExecutorId());
            }
            if (task.info().hasKillPolicy()) {
                t.setKillPolicy(task.info().getKillPolicy());
            }
            task.lastStatus().ifPresent(t::addStatuses);
            updates.stream(task.info().getTaskId()).flatMap(StatusUpdateStream::head).ifPresent(head -> t
                    .setStatusUpdateState(head.getStatus().getState())
                    .setStatusUpdateUuid(head.getStatus().getUuid()));
            result.add(t.build());
        }
        return result;
    }

    /** The frameworks of the tasks above. */
    public Collection<FrameworkInfo> frameworks() {
        Map<FrameworkID, FrameworkInfo> frameworks = new LinkedHashMap<>();
        tasks.values().forEach(t -> frameworks.putIfAbsent(t.framework().getId(), t.framework()));
        return frameworks.values();
    }

    /** How many known tasks are in each state, by Mesos state name. */
    public Map<String, Integer> countByState() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        tasks.values().forEach(t -> counts.merge(t.state().name(), 1, Integer::sum));
        return counts;
    }

    /** What the non-terminal tasks hold. */
    public Resources usedResources() {
        return Resources.fromProtos(tasks.values().stream()
                .filter(t -> !StatusUpdateStream.isTerminal(t.state()))
                .flatMap(t -> t.info().getResourcesList().stream()).toList());
    }

    public Collection<AgentTask> tasks() {
        return List.copyOf(tasks.values());
    }

    private Optional<FrameworkInfo> frameworkOf(FrameworkID id) {
        return tasks.values().stream().map(AgentTask::framework).filter(f -> f.getId().equals(id)).findFirst();
    }

    private Optional<AgentCall.Update> update(AgentID agentId, AgentTask task, TaskState state, String message,
            TaskStatus.Source source, TaskStatus.Reason reason) {
        Optional<String> executorId = task.info().hasExecutor()
                ? Optional.of(task.info().getExecutor().getExecutorId().getValue()) : Optional.empty();
        TaskStatus status = status(agentId, task.info().getTaskId(), state, message, source, reason, executorId);
        if (shutDown.contains(task.framework().getId())) {
            AgentTask updated = task.withStatus(status);
            if (StatusUpdateStream.isTerminal(state)) {
                forget(updated);
            } else {
                tasks.put(task.info().getTaskId(), updated);
                checkpoint(updated);
            }
            return Optional.empty();
        }
        Optional<AgentCall.Update> send = updates.update(task.framework().getId(), status);
        // the stream stamped the uuid: remember the status as sent
        TaskStatus stamped = updates.stream(task.info().getTaskId()).map(s -> s.pending())
                .filter(p -> !p.isEmpty()).map(p -> p.get(p.size() - 1)).orElse(status);
        AgentTask updated = task.withStatus(stamped);
        tasks.put(task.info().getTaskId(), updated);
        checkpoint(updated);
        return send;
    }

    private TaskStatus status(AgentID agentId, TaskID taskId, TaskState state, String message,
            TaskStatus.Source source, TaskStatus.Reason reason, Optional<String> executorId) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(taskId).setState(state).setSource(source)
                .setAgentId(agentId).setTimestamp(clock.millis() / 1000.0);
        if (message != null && !message.isEmpty()) {
            status.setMessage(message);
        }
        if (reason != null) {
            status.setReason(reason);
        }
        executorId.ifPresent(id -> status.setExecutorId(io.mezzo.api.v1.Protos.ExecutorID.newBuilder().setValue(id)));
        return status.build();
    }

    private void checkpoint(AgentTask task) {
        unsaved.add(task.info().getTaskId());
    }

    /**
     * Drops a finished task of a removed framework: its updates, its checkpoint, and the framework
     * itself once it has no task left here.
     */
    private void forget(AgentTask task) {
        FrameworkID framework = task.framework().getId();
        updates.forget(task.info().getTaskId());
        tasks.remove(task.info().getTaskId());
        removeCheckpoint(task);
        if (tasks.values().stream().noneMatch(t -> t.framework().getId().equals(framework))) {
            shutDown.remove(framework);
        }
    }

    private void removeCheckpoint(AgentTask task) {
        unsaved.remove(task.info().getTaskId());
        forgotten.add(new CheckpointStore.TaskKey(task.framework().getId().getValue(), task.id()));
    }

    private void write() {
        if (unsaved.isEmpty() && forgotten.isEmpty()) {
            return;
        }
        List<TaskCheckpoint> saved = new ArrayList<>(unsaved.size());
        for (TaskID id : unsaved) {
            AgentTask task = tasks.get(id);
            List<TaskStatus> pending = updates.stream(id).map(StatusUpdateStream::pending).orElse(List.of());
            saved.add(new TaskCheckpoint(task.framework(), task.info(), task.sandbox(), task.state(), pending,
                    task.lastStatus()));
        }
        try {
            store.commit(saved, forgotten);
        } catch (IOException e) {
            // without its checkpoint a task would be lost on restart: make the failure loud
            throw new UncheckedIOException("Cannot checkpoint " + saved.size() + " task(s) and forget "
                    + forgotten.size(), e);
        }
        unsaved.clear();
        forgotten.clear();
    }
}
