package io.mezzo.bench.sim;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.bench.http.CallLanes;
import io.mezzo.bench.http.HttpConnection;
import io.mezzo.bench.http.HttpReactor;
import io.mezzo.bench.http.RecordStream;
import io.mezzo.bench.http.RequestHead;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N {@link SimulatedAgent}s connected to one master over real HTTP, in one JVM.
 *
 * <p>Threads do not grow with N: every agent's event stream (one connection each, as a real agent
 * has) and every agent's calls are served by one {@link HttpReactor} thread, the calls pipelined
 * over a few shared keep-alive connections ({@link CallLanes}); every agent's timers share one
 * scheduler thread. A periodic sweep resends unacknowledged updates, so there is no timer per
 * update. An agent whose stream breaks re-subscribes with its id after a second.
 *
 * <p>Given several masters ({@link #start(List, Settings)}), the agents follow the leader: a
 * broken stream sends an agent to the shared {@link LeaderFinder}, and it re-subscribes with its
 * id and tasks (a re-registration) at whichever master leads. Subscriptions are asynchronous, so
 * 1,000 agents re-register in parallel, as 1,000 machines would; calls go to the master of each
 * agent's current stream.
 */
public final class SimulatedCluster implements AutoCloseable {
    static final String PATH = "/api/v1/agent";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /** After a refused re-subscription (e.g. 503 from a master still taking office). */
    private static final Duration RETRY_DELAY = Duration.ofMillis(100);

    /** How to build the agents; {@code callLanes} connections pipelining up to {@code callDepth} calls each. */
    public record Settings(int agents, String resources, Duration taskDuration, Duration retryInterval,
            int callLanes, int callDepth) {
        public static Settings of(int agents, String resources) {
            return new Settings(agents, resources, Duration.ZERO, Duration.ofSeconds(10), 4, 16);
        }

        public Settings withTaskDuration(Duration d) {
            return new Settings(agents, resources, d, retryInterval, callLanes, callDepth);
        }

        public Settings withCalls(int lanes, int depth) {
            return new Settings(agents, resources, taskDuration, retryInterval, lanes, depth);
        }
    }

    private final InetSocketAddress firstMaster;
    private final Optional<LeaderFinder> finder;
    private final Settings settings;
    private final HttpReactor reactor;
    /** Per master: the lanes for updates, and for PONGs, which skip the update backlog (stuck behind it they would arrive after the master gave up). */
    private final Map<InetSocketAddress, CallLanes> calls = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, CallLanes> pongs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final List<Node> nodes = new ArrayList<>();
    private final AtomicLong callsFailed = new AtomicLong();
    private final AtomicLong callsRefused = new AtomicLong();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final AtomicLong resubscribeFailures = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastFailure = "";

    private SimulatedCluster(List<URI> masters, Settings settings) {
        this.firstMaster = address(masters.get(0));
        this.settings = settings;
        this.reactor = new HttpReactor("sim-agent-http", CALL_TIMEOUT);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-agent-timers");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
        // finding the leader is a few GETs per failover: the JDK client is fine for that
        this.finder = masters.size() < 2 ? Optional.empty() : Optional.of(new LeaderFinder(masters,
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(2)).build(), timers, Duration.ofMillis(50)));
        Resources total = Resources.parse(settings.resources());
        SimulatedAgent.Timer timer = (delay, work) -> timers.schedule(work, delay.toNanos(), TimeUnit.NANOSECONDS);
        for (int i = 0; i < settings.agents(); i++) {
            AgentInfo info = AgentInfo.newBuilder().setHostname("sim-" + i)
                    .addAllResources(total.toProtos()).build();
            Node node = new Node();
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
            InetSocketAddress first = cluster.finder.map(f -> address(f.leader().join())).orElse(cluster.firstMaster);
            List<CompletableFuture<RecordStream>> all = new ArrayList<>();
            for (Node n : cluster.nodes) {
                all.add(n.connect(first));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            cluster.close();
            throw new IOException("could not subscribe every simulated agent", e.getCause());
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

    public long updatesSent() {
        return nodes.stream().mapToLong(n -> n.agent.updatesSent()).sum();
    }

    public long updateCalls() {
        return nodes.stream().mapToLong(n -> n.agent.updateCalls()).sum();
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
        return calls.values().stream().mapToInt(CallLanes::backlog).sum();
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

    private CallLanes lanes(InetSocketAddress master, boolean pong) {
        return pong ? pongs.computeIfAbsent(master, m -> new CallLanes(reactor, m, 1, 10_000))
                : calls.computeIfAbsent(master, m -> new CallLanes(reactor, m, settings.callLanes(), settings.callDepth()));
    }

    private static InetSocketAddress address(URI master) {
        return new InetSocketAddress(master.getHost(), master.getPort());
    }

    public int disconnects() {
        return disconnects.get();
    }

    @Override
    public void close() {
        closed = true;
        nodes.forEach(n -> {
            RecordStream s = n.stream;
            if (s != null) {
                s.close();
            }
        });
        timers.shutdownNow();
        reactor.close();
    }

    /** One agent's HTTP side: its event stream and its calls. */
    private final class Node implements RecordStream.Listener {
        SimulatedAgent agent;
        volatile RecordStream stream;
        /** The master of the current stream and the head of calls on it (its stream id). */
        volatile InetSocketAddress master;
        volatile RequestHead callHead;
        volatile long subscribedNanos = Long.MIN_VALUE;

        CompletableFuture<RecordStream> connect(InetSocketAddress target) {
            return RecordStream.subscribe(reactor, target, PATH, agent.subscribeCall().toByteArray(), this)
                    .thenApply(s -> {
                        master = target;
                        callHead = RequestHead.post(target, PATH, s.streamId());
                        stream = s;
                        return s;
                    });
        }

        void send(AgentCall call, Runnable answered) {
            RequestHead head = callHead;
            InetSocketAddress to = master;
            if (stream == null || head == null || closed) {
                answered.run(); // not connected: the sweep resends updates after re-subscription
                return;
            }
            lanes(to, call.getType() == AgentCall.Type.PONG).post(head, call.toByteArray(), new HttpConnection.Handler() {
                @Override
                public void onResponse(int status, Map<String, String> headers, byte[] body) {
                    answered.run();
                    if (status != 202) {
                        callsRefused.incrementAndGet();
                    }
                }

                @Override
                public void onFailure(IOException cause) {
                    answered.run();
                    callsFailed.incrementAndGet();
                    lastFailure = cause.toString();
                }
            });
        }

        @Override
        public void onRecords(List<byte[]> records) {
            List<AgentEvent> events = new ArrayList<>(records.size());
            for (byte[] r : records) {
                try {
                    events.add(AgentEvent.parseFrom(r));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException("unparseable agent event", e);
                }
            }
            agent.onEvents(events);
            if (events.stream().anyMatch(e -> e.getType() == AgentEvent.Type.SUBSCRIBED)) {
                subscribedNanos = System.nanoTime();
            }
        }

        @Override
        public void onClosed(IOException cause) {
            if (closed || cause == null) {
                return;
            }
            disconnects.incrementAndGet();
            InetSocketAddress broken = master;
            stream = null;
            callHead = null;
            if (finder.isPresent()) {
                finder.get().lost(URI.create("http://" + broken.getHostString() + ":" + broken.getPort()));
                follow(finder.get());
            } else {
                timers.schedule(() -> reconnect(broken), RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void reconnect(InetSocketAddress target) {
            connect(target).whenComplete((s, e) -> {
                if (e != null && !closed) {
                    onClosed(e instanceof IOException io ? io : new IOException(e));
                }
            });
        }

        /** Re-subscribes at the leader the finder names; a refusal sends it looking again shortly. */
        private void follow(LeaderFinder leaders) {
            leaders.leader().thenAccept(leader -> {
                if (closed) {
                    return;
                }
                connect(address(leader)).whenComplete((s, e) -> {
                    if (e != null && !closed) {
                        resubscribeFailures.incrementAndGet();
                        leaders.lost(leader);
                        timers.schedule(() -> follow(leaders), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                    }
                });
            });
        }
    }
}
