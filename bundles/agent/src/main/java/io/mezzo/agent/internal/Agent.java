package io.mezzo.agent.internal;

import io.mezzo.agent.internal.checkpoint.CheckpointStore;
import io.mezzo.agent.internal.detect.MasterDetector;
import io.mezzo.agent.internal.status.StatusUpdateManager;
import io.mezzo.agent.internal.task.SandboxLayout;
import io.mezzo.agent.internal.task.TaskBook;
import io.mezzo.api.MezzoVersion;
import io.mezzo.api.agent.AgentProtocol;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.executor.Executor;
import io.mezzo.api.executor.TaskUpdate;
import io.mezzo.api.node.AgentSnapshot;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: finds the leading master, subscribes with its resources and tasks, runs what the
 * master sends, and delivers status updates reliably.
 *
 * <p>Threads: one event loop ({@code mezzo-agent}) owns every field that changes (the task book,
 * the status updates, the connection, the agent id). Detector, HTTP and executor threads only
 * enqueue onto it. Events of an old connection carry an old generation and are dropped, so once
 * the detector reports "no master" nothing a master sends is obeyed until a leader is known again.
 *
 * <p>Closing the agent stops the loop and drops the connection but never kills tasks: a restarted
 * agent recovers them from its checkpoints.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** Pings missed in a row after which the agent treats its stream as dead and resubscribes. */
    private static final int MAX_MISSED_PINGS = 5;

    private final AgentSettings settings;
    private final Clock clock;
    private final MasterDetector detector;
    private final CheckpointStore store;
    private final StatusUpdateManager updates;
    private final TaskBook tasks;
    private final HttpClient http;
    private final ScheduledExecutorService loop;
    private final ExecutorService connector;

    /** The agent id for readers off the loop once it has stopped (written by the loop). */
    private volatile Optional<String> publishedAgentId = Optional.empty();

    // owned by the loop
    private Optional<AgentID> agentId = Optional.empty();
    private Optional<URI> master = Optional.empty();
    private MasterConnection connection;
    private long generation;
    private boolean registered;
    private Duration backoff = Duration.ZERO;
    private ScheduledFuture<?> reconnect;
    private Duration pingTimeout = Duration.ZERO;
    private long lastEventMillis;
    private long connectedAtMillis;
    /** Updates for the next UPDATE call, and whether the flush that sends it is queued on the loop. */
    private final List<AgentCall.Update> outgoingUpdates = new ArrayList<>();
    private boolean flushQueued;

    public Agent(AgentSettings settings, Executor executor, MasterDetector detector, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.detector = detector;
        this.store = new CheckpointStore(settings.workDir());
        this.updates = new StatusUpdateManager(clock, settings.statusUpdateRetry(), settings.statusUpdateRetryMax());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "mezzo-agent"));
        this.connector = Executors.newCachedThreadPool(r -> daemon(r, "mezzo-agent-connector"));
        this.tasks = new TaskBook(executor, this::onExecutorUpdate, store, new SandboxLayout(settings.workDir()),
                updates, clock);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(connector).build();
    }

    /** Recovers from the checkpoints (on the loop), then starts looking for the master. */
    public void start() throws IOException {
        try {
            loop.submit(() -> {
                recover();
                return null;
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("Agent recovery failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during recovery", e);
        }
        long tick = Math.max(10, Math.min(1000, settings.statusUpdateRetry().toMillis() / 4));
        loop.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        detector.start(detected -> enqueue(() -> onMasterDetected(detected)));
    }

    private void recover() throws IOException {
        agentId = store.agentId().map(id -> AgentID.newBuilder().setValue(id).build());
        publishedAgentId = agentId.map(AgentID::getValue);
        AgentID id = agentId.orElse(AgentID.newBuilder().setValue("unregistered").build());
        tasks.recover(id); // updates go out once registered
        LOG.info("Agent starting with id {} and work dir {}", agentId.map(AgentID::getValue).orElse("(none yet)"),
                settings.workDir());
    }

    private void onMasterDetected(Optional<URI> detected) {
        if (detected.equals(master) && (connection != null || detected.isEmpty())) {
            return;
        }
        LOG.info(detected.map(m -> "Leading master detected at " + m)
                .orElse("No leading master known: refusing instructions until one is elected"));
        disconnect();
        master = detected;
        backoff = Duration.ZERO;
        detected.ifPresent(m -> connect());
    }

    private void connect() {
        if (master.isEmpty() || connection != null) {
            return;
        }
        long gen = ++generation;
        connectedAtMillis = clock.millis();
        AgentCall subscribe = subscribeCall();
        connection = MasterConnection.open(http, master.get(), subscribe, settings.requestTimeout(), connector,
                event -> enqueue(() -> onEvent(gen, event)),
                cause -> enqueue(() -> onClosed(gen, cause)));
    }

    private AgentCall subscribeCall() {
        AgentInfo.Builder info = AgentInfo.newBuilder().setHostname(settings.hostname())
                .addAllResources(settings.resources()).addAllAttributes(settings.attributes());
        agentId.ifPresent(info::setId);
        AgentID id = agentId.orElse(AgentID.newBuilder().setValue("").build());
        AgentCall.Subscribe.Builder subscribe = AgentCall.Subscribe.newBuilder().setAgentInfo(info)
                .addAllTasks(agentId.isPresent() ? tasks.tasksForMaster(id) : List.of())
                .addAllFrameworks(agentId.isPresent() ? tasks.frameworks() : List.of())
                .setVersion(MezzoVersion.VERSION);
        AgentCall.Builder call = AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setSubscribe(subscribe);
        agentId.ifPresent(call::setAgentId);
        return call.build();
    }

    private void onClosed(long gen, Optional<Throwable> cause) {
        if (gen != generation) {
            return;
        }
        LOG.warn("Lost the subscription with {}{}", master.map(URI::toString).orElse("the master"),
                cause.map(c -> ": " + c).orElse(""));
        disconnect();
        if (master.isPresent()) {
            backoff = backoff.isZero() ? settings.registrationBackoff()
                    : min(backoff.multipliedBy(2), settings.registrationBackoffMax());
            reconnect = loop.schedule(this::connect, backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void disconnect() {
        generation++;
        registered = false;
        outgoingUpdates.clear(); // their streams resend them once registered again
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private void onEvent(long gen, AgentEvent event) {
        if (gen != generation) {
            LOG.debug("Ignoring {} from a stale connection", event.getType());
            return;
        }
        lastEventMillis = clock.millis();
        if (!registered && event.getType() != AgentEvent.Type.SUBSCRIBED) {
            LOG.warn("Ignoring {} received before SUBSCRIBED", event.getType());
            return;
        }
        AgentID id = agentId.orElse(null);
        switch (event.getType()) {
            case SUBSCRIBED -> onSubscribed(event.getSubscribed());
            case RUN_TASK -> tasks.run(id, event.getRunTask().getFrameworkInfo(), event.getRunTask().getTask())
                    .ifPresent(this::send);
            case KILL_TASK -> {
                AgentEvent.KillTask kill = event.getKillTask();
                tasks.kill(id, kill.getFrameworkId(), kill.getTaskId(),
                        kill.hasKillPolicy() ? Optional.of(kill.getKillPolicy()) : Optional.empty())
                        .ifPresent(this::send);
            }
            case ACKNOWLEDGE -> tasks.acknowledge(event.getAcknowledge().getTaskId(), event.getAcknowledge().getUuid())
                    .next().ifPresent(this::send);
            case PING -> send(AgentCall.newBuilder().setType(AgentCall.Type.PONG).setAgentId(id)
                    .setPong(AgentCall.Pong.newBuilder().setSequence(event.getPing().getSequence())).build());
            case SHUTDOWN -> {
                LOG.warn("Master asked this agent to shut down its tasks: {}", event.getShutdown().getMessage());
                tasks.killAll(id, Optional.empty()).forEach(this::send);
            }
            case SHUTDOWN_FRAMEWORK -> tasks.shutdownFramework(id, event.getShutdownFramework().getFrameworkId());
            default -> LOG.debug("Ignoring agent event {}", event.getType());
        }
    }

    private void onSubscribed(AgentEvent.Subscribed subscribed) {
        AgentID id = subscribed.getAgentId();
        if (agentId.isEmpty() || !agentId.get().equals(id)) {
            try {
                store.saveAgentId(id.getValue());
            } catch (IOException e) {
                LOG.error("Cannot checkpoint agent id {}: a restart would register as a new agent", id.getValue(), e);
            }
        }
        agentId = Optional.of(id);
        publishedAgentId = Optional.of(id.getValue());
        registered = true;
        backoff = Duration.ZERO;
        double ping = subscribed.getPingIntervalSeconds();
        pingTimeout = ping > 0 ? Duration.ofMillis((long) (ping * 1000 * MAX_MISSED_PINGS)) : Duration.ZERO;
        LOG.info("Registered with master {} as agent {}", master.map(URI::toString).orElse("?"), id.getValue());
        updates.resendAll().forEach(this::send);
    }

    private void onExecutorUpdate(TaskUpdate update) {
        enqueue(() -> tasks.onExecutorUpdate(agentId.orElse(AgentID.newBuilder().setValue("").build()), update)
                .ifPresent(this::send));
    }

    /**
     * Runs {@code work} on the loop; failures are logged, since the executor would hide them. Task
     * changes it made are committed by a flush queued behind the work already waiting.
     */
    private void enqueue(Runnable work) {
        try {
            loop.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Agent event handling failed", e);
                }
                if (tasks.hasUncommitted()) {
                    requestFlush();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Agent stopped; dropping a late event", e);
        }
    }

    private void tick() {
        try {
            if (registered) {
                updates.due().forEach(this::send);
                if (!pingTimeout.isZero() && clock.millis() - lastEventMillis > pingTimeout.toMillis()) {
                    onClosed(generation, Optional.of(new IOException("no PING from the master for " + pingTimeout)));
                }
            } else if (connection != null
                    && clock.millis() - connectedAtMillis > settings.requestTimeout().toMillis()) {
                // a master that accepts the stream but never says SUBSCRIBED must not hold the agent forever
                onClosed(generation, Optional.of(new IOException("no SUBSCRIBED within " + settings.requestTimeout())));
            }
        } catch (RuntimeException e) {
            LOG.error("Agent tick failed", e);
        }
    }

    /**
     * Queues a status update for the next UPDATE call. The call goes out once the loop has handled
     * the work already queued on it (a burst of acknowledgements, executor updates, the resends
     * after registering), so one call carries what that burst produced. An update dropped here or
     * lost on the wire is resent by its stream's backoff, as before.
     */
    private void send(AgentCall.Update update) {
        if (!registered || connection == null) {
            return;
        }
        outgoingUpdates.add(update);
        requestFlush();
    }

    private void requestFlush() {
        if (flushQueued) {
            return;
        }
        flushQueued = true;
        try {
            loop.execute(this::flush);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Agent stopped; nothing more is flushed", e);
        }
    }

    /**
     * The end of a burst: commits the task changes (one checkpoint write, then the launches), and
     * only then sends the burst's updates. If the checkpoint cannot be written nothing is sent and
     * the flush is retried, so no framework ever sees an update a restarted agent would not know.
     */
    private void flush() {
        flushQueued = false;
        try {
            for (AgentCall.Update refused : tasks.commit()) {
                if (registered && connection != null) {
                    outgoingUpdates.add(refused);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot checkpoint task changes; {} status update(s) wait until a checkpoint succeeds",
                    outgoingUpdates.size(), e);
            loop.schedule(this::requestFlush, 1, TimeUnit.SECONDS);
            return;
        }
        List<AgentCall.Update> batch = List.copyOf(outgoingUpdates);
        outgoingUpdates.clear();
        int max = AgentProtocol.MAX_UPDATES_PER_CALL;
        for (int from = 0; from < batch.size(); from += max) {
            List<AgentCall.Update> part = batch.subList(from, Math.min(batch.size(), from + max));
            send(AgentCall.newBuilder().setType(AgentCall.Type.UPDATE).addAllUpdates(part)
                    .setAgentId(agentId.orElse(part.get(0).getStatus().getAgentId())).build());
        }
    }

    private void send(AgentCall call) {
        if (registered && connection != null) {
            connection.send(call);
        }
    }

    /**
     * A consistent view of the agent, taken on its loop; once the agent is closed (a caller kept
     * an old service object across a bundle update), a view saying it is not registered.
     */
    public AgentSnapshot snapshot() {
        try {
            return CompletableFuture.supplyAsync(this::buildSnapshot, loop).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return new AgentSnapshot(publishedAgentId, false, Optional.empty(),
                    Resources.fromProtos(settings.resources()).toString(), "", java.util.Map.of(), 0,
                    settings.workDir());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("agent loop did not answer", e);
        }
    }

    private AgentSnapshot buildSnapshot() {
        Optional<String> endpoint = master.map(m -> connection == null ? m
                : connection.endpoint().map(e -> e.resolve("/")).orElse(m)).map(URI::toString);
        return new AgentSnapshot(agentId.map(AgentID::getValue), registered, endpoint,
                Resources.fromProtos(settings.resources()).toString(), tasks.usedResources().toString(),
                tasks.countByState(), updates.pendingCount(), settings.workDir());
    }

    /** Stops the agent without touching its tasks (they keep running and are recovered later). */
    @Override
    public void close() {
        detector.close();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            flush(); // what the last burst launched starts, and is on disk
            disconnect();
        }, loop);
        try {
            stopped.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Agent loop did not stop cleanly", e);
        }
        loop.shutdownNow();
        connector.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            store.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Cannot close the checkpoint store", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
