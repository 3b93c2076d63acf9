package io.mezzo.bench.sim;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.client.EventStream;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N {@link SimulatedAgent}s connected to one master over real HTTP, in one JVM.
 *
 * <p>Threads do not grow with N: every agent's event stream and calls share a few JDK
 * {@link HttpClient}s (each one selector thread) over one small executor, and every agent's
 * timers share one scheduler thread. A periodic sweep resends unacknowledged updates, so there is
 * no timer per update. An agent whose stream breaks re-subscribes with its id after a second.
 *
 * <p>Given several masters ({@link #start(List, Settings)}), the agents follow the leader: a
 * broken stream sends an agent to the shared {@link LeaderFinder}, and it re-subscribes with its
 * id and tasks (a re-registration) at whichever master leads, on a pool of subscriber threads so
 * that 1,000 agents re-register in parallel, as 1,000 machines would.
 */
public final class SimulatedCluster implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String AGENT_API = "/api/v1/agent";
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /** After a refused re-subscription (e.g. 503 from a master still taking office). */
    private static final Duration RETRY_DELAY = Duration.ofMillis(100);

    /** How to build the agents. */
    public record Settings(int agents, String resources, Duration taskDuration, Duration retryInterval,
            int httpClients, int httpThreads, int callsInFlight) {
        public static Settings of(int agents, String resources) {
            return new Settings(agents, resources, Duration.ZERO, Duration.ofSeconds(10), 4, 4, 64);
        }

        public Settings withTaskDuration(Duration d) {
            return new Settings(agents, resources, d, retryInterval, httpClients, httpThreads, callsInFlight);
        }

        public Settings withCallsInFlight(int n) {
            return new Settings(agents, resources, taskDuration, retryInterval, httpClients, httpThreads, n);
        }
    }

    private final URI endpoint;
    private final Optional<LeaderFinder> finder;
    /**
     * Subscribing blocks until the master answers, so re-registrations run in parallel only as far
     * as this pool goes; 1,000 real agents would all subscribe at once.
     */
    private final ExecutorService subscribers = Executors.newFixedThreadPool(256, daemon("sim-agent-subscribe"));
    private final ExecutorService httpExecutor;
    private final List<HttpClient> clients = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private final CallPipe calls;
    private final CallPipe unlimited = new CallPipe(Integer.MAX_VALUE);
    private final List<Node> nodes = new ArrayList<>();
    private final AtomicLong callsFailed = new AtomicLong();
    private final AtomicLong callsRefused = new AtomicLong();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final AtomicLong resubscribeFailures = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastFailure = "";

    private SimulatedCluster(List<URI> masters, Settings settings) {
        this.endpoint = masters.get(0).resolve(AGENT_API);
        this.calls = new CallPipe(settings.callsInFlight());
        this.httpExecutor = Executors.newFixedThreadPool(settings.httpThreads(), daemon("sim-agent-http"));
        for (int i = 0; i < settings.httpClients(); i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpExecutor)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("sim-agent-timers"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
        this.finder = masters.size() < 2 ? Optional.empty()
                : Optional.of(new LeaderFinder(masters, clients.get(0), timers, Duration.ofMillis(50)));
        Resources total = Resources.parse(settings.resources());
        SimulatedAgent.Timer timer = (delay, work) -> timers.schedule(work, delay.toNanos(), TimeUnit.NANOSECONDS);
        for (int i = 0; i < settings.agents(); i++) {
            AgentInfo info = AgentInfo.newBuilder().setHostname("sim-" + i)
                    .addAllResources(total.toProtos()).build();
            Node node = new Node(clients.get(i % clients.size()));
            node.agent = new SimulatedAgent(info, settings.taskDuration(), settings.retryInterval(), timer,
                    System::nanoTime, node::send);
            nodes.add(node);
        }
        long sweep = Math.max(1, settings.retryInterval().toMillis() / 2);
        timers.scheduleWithFixedDelay(() -> nodes.forEach(n -> n.agent.resendDue()), sweep, sweep,
                TimeUnit.MILLISECONDS);
    }

    /** Starts every agent and returns once all have their stream open (SUBSCRIBED may follow). */
    public static SimulatedCluster start(URI master, Settings settings) throws IOException {
        return start(List.of(master), settings);
    }

    /**
     * Starts every agent at the leader among {@code masters} (they follow it when it changes) and
     * returns once all have their stream open.
     */
    public static SimulatedCluster start(List<URI> masters, Settings settings) throws IOException {
        SimulatedCluster cluster = new SimulatedCluster(masters, settings);
        try {
            URI first = cluster.finder.map(f -> f.leader().join().resolve(AGENT_API)).orElse(cluster.endpoint);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (Node n : cluster.nodes) {
                all.add(CompletableFuture.runAsync(() -> n.connect(first), cluster.subscribers));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            cluster.close();
            throw new IOException("could not subscribe every simulated agent", e);
        }
        return cluster;
    }

    public List<SimulatedAgent> agents() {
        return nodes.stream().map(n -> n.agent).toList();
    }

    /** Agents that got SUBSCRIBED (have an id). */
    public long registered() {
        return nodes.stream().filter(n -> n.agent.agentId() != null).count();
    }

    public long tasksLaunched() {
        return nodes.stream().mapToLong(n -> n.agent.tasksLaunched()).sum();
    }

    public long updatesResent() {
        return nodes.stream().mapToLong(n -> n.agent.updatesResent()).sum();
    }

    /** Calls that failed in transport (the update sweep retries them). */
    public long callsFailed() {
        return callsFailed.get();
    }

    /** Calls the master answered with anything but 202. */
    public long callsRefused() {
        return callsRefused.get();
    }

    /** The latest transport failure of a call, for the report. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Agent calls waiting for a free connection slot right now. */
    public int callBacklog() {
        return calls.backlog();
    }

    public int disconnects() {
        return disconnects.get();
    }

    /** Agents whose latest SUBSCRIBED arrived at or after {@code nanos} ({@link System#nanoTime}). */
    public long subscribedSince(long nanos) {
        return nodes.stream().filter(n -> n.subscribedNanos - nanos >= 0).count();
    }

    /** When the last of the agents got its latest SUBSCRIBED ({@link System#nanoTime}). */
    public long lastSubscribedNanos() {
        return nodes.stream().mapToLong(n -> n.subscribedNanos).max().orElse(0);
    }

    /** Re-subscriptions refused or failed (each is retried). */
    public long resubscribeFailures() {
        return resubscribeFailures.get();
    }

    @Override
    public void close() {
        closed = true;
        nodes.forEach(n -> {
            EventStream<AgentEvent> s = n.stream;
            if (s != null) {
                s.close();
            }
        });
        timers.shutdownNow();
        subscribers.shutdownNow();
        httpExecutor.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger seq = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One agent's HTTP side: its event stream and its calls. */
    private final class Node implements EventStream.Listener<AgentEvent> {
        private final HttpClient http;
        SimulatedAgent agent;
        volatile EventStream<AgentEvent> stream;
        volatile long subscribedNanos = Long.MIN_VALUE;

        Node(HttpClient http) {
            this.http = http;
        }

        void connect(URI target) {
            try {
                stream = EventStream.subscribe(http, target, agent.subscribeCall(), AgentEvent::parseFrom, this,
                        CALL_TIMEOUT);
            } catch (IOException e) {
                throw new IllegalStateException("subscription of a simulated agent failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void send(AgentCall call, Runnable answered) {
            EventStream<AgentEvent> s = stream;
            if (s == null || closed) {
                answered.run(); // not connected: the sweep resends updates after re-subscription
                return;
            }
            // PONGs skip the queue: stuck behind a backlog of updates they would arrive after the
            // master gave up on the agent (5 missed pings) and every task would end LOST
            CallPipe pipe = call.getType() == AgentCall.Type.PONG ? unlimited : calls;
            pipe.send(() -> s.call(call), (response, error) -> {
                answered.run();
                if (error != null) {
                    callsFailed.incrementAndGet();
                    lastFailure = error.toString();
                } else if (response.statusCode() != 202) {
                    callsRefused.incrementAndGet();
                }
            });
        }

        @Override
        public void onEvent(AgentEvent event) {
            agent.onEvent(event);
            if (event.getType() == AgentEvent.Type.SUBSCRIBED) {
                subscribedNanos = System.nanoTime();
            }
        }

        @Override
        public void onClosed(Optional<Throwable> cause) {
            if (closed || cause.isEmpty()) {
                return;
            }
            disconnects.incrementAndGet();
            EventStream<AgentEvent> broken = stream;
            stream = null;
            if (finder.isPresent()) {
                finder.get().lost(broken == null ? endpoint : broken.endpoint());
                follow(finder.get());
            } else {
                timers.schedule(() -> {
                    try {
                        connect(endpoint);
                    } catch (IllegalStateException e) {
                        onClosed(Optional.of(e));
                    }
                }, RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** Re-subscribes at the leader the finder names; a refusal sends it looking again shortly. */
        private void follow(LeaderFinder leaders) {
            leaders.leader().thenAcceptAsync(master -> {
                if (closed) {
                    return;
                }
                try {
                    connect(master.resolve(AGENT_API));
                } catch (IllegalStateException e) {
                    resubscribeFailures.incrementAndGet();
                    leaders.lost(master);
                    timers.schedule(() -> follow(leaders), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                }
            }, subscribers);
        }
    }
}
