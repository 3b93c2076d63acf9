package io.mezzo.bench.fill;

import io.mezzo.allocator.drf.internal.DrfPolicy;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.testing.ManualClock;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.master.internal.core.CallOutcome;
import io.mezzo.master.internal.core.CycleStats;
import io.mezzo.master.internal.core.EventStream;
import io.mezzo.master.internal.core.Master;
import io.mezzo.master.internal.core.MasterSettings;
import io.mezzo.master.internal.core.PolicyRegistry;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 9's master-side fill round, the YARN peer's scenario A run against Mezzo's real master
 * core in process: N agents of {@code cpus:24;mem:24576}, M frameworks in one role, each wanting
 * twice its fair share of {@code <1 cpu, 1024 MB>} tasks. No HTTP (the peer has no RPC either):
 * agents and frameworks are in-memory event streams, and every step goes through the
 * {@link Master} facade the HTTP layer calls — allocation cycles by {@code tick()} with the
 * active policy ({@code drf}), OFFERS events built as protobuf, each framework's ACCEPT (one
 * per offer, as many tasks as fit and as it still wants) through {@code handleSchedulerCall},
 * so offer book-keeping, ACCEPT validation, task accounting and the RUN_TASK events to the
 * agents all run.
 *
 * <p>A round (timed) = from an empty cluster, allocation cycles and ACCEPTs until the cluster is
 * full (N × 24 tasks launched). Between rounds (untimed, as the peer's release is): every task
 * ends with a TASK_FINISHED update from its agent, the framework acknowledges it, and a garbage
 * collection runs. Fairness at round end: every framework's dominant share (its tasks / (N × 24),
 * as a task is 1/24 of an agent in both cpus and memory) — the most and fewest tasks any framework
 * holds must differ by at most one.
 *
 * <pre>java -Xms6g -Xmx6g -cp bench/target/benchmarks.jar io.mezzo.bench.fill.MasterFill [NxM ...]
 *    [--warmup W] [--rounds R]</pre>
 */
public final class MasterFill {
    private static final CommandInfo TRUE = CommandInfo.newBuilder().setValue("true").build();
    static final int TASKS_PER_AGENT = 24;
    private static final io.mezzo.api.v1.Protos.Filters NO_REFUSAL = io.mezzo.api.v1.Protos.Filters.newBuilder()
            .setRefuseSeconds(0).build();

    /**
     * {@code frameworks} frameworks that each want {@code tasks} tasks of {@code taskResources},
     * launching at most {@code maxPerOffer} from one offer (and leaving the rest, refused for no
     * time, to the next cycle).
     */
    record Profile(int frameworks, int tasks, String taskResources, int maxPerOffer) {
    }

    /** The master's clock: moved by the harness, one allocation interval per cycle. */
    private final ManualClock clock = new ManualClock();
    private final Master master;
    private final List<Agent> agents = new ArrayList<>();
    private final List<Framework> frameworks = new ArrayList<>();
    /** When a round is over: the cluster is full, or every framework has all it wants. */
    private final long target;
    private long taskSequence;

    /** One round's outcome. */
    record Round(long nanos, long tasks, int cycles, int accepts, int maxTasks, int minTasks) {
        double millis() {
            return nanos / 1e6;
        }

        double maxOverMinShare() {
            return minTasks == 0 ? Double.POSITIVE_INFINITY : (double) maxTasks / minTasks;
        }
    }

    MasterFill(int agentCount, int frameworkCount) {
        // twice the fair share of the whole cluster, as the peer's K = ceil(2 · N · 24 / M)
        this(agentCount, "cpus:24;mem:24576", List.of(new Profile(frameworkCount,
                (int) Math.ceil(2.0 * agentCount * TASKS_PER_AGENT / frameworkCount), "cpus:1;mem:1024",
                Integer.MAX_VALUE)), (long) agentCount * TASKS_PER_AGENT);
    }

    MasterFill(int agentCount, String agentResources, List<Profile> profiles, long target) {
        this.target = target;
        // heartbeats and pings far apart: the clock jumps one allocation interval per cycle and
        // the in-memory agents do not answer pings (they would all be marked unreachable)
        Duration far = Duration.ofDays(3650);
        MasterSettings settings = new MasterSettings(Duration.ofSeconds(1), Duration.ZERO, far, far, 5, far,
                Map.of());
        PolicyRegistry policies = new PolicyRegistry("drf");
        policies.add(new PolicyRegistry.Registered("drf", new DrfPolicy(), 0, "io.mezzo.allocator.drf", "bench"));
        master = new Master(clock, settings, MasterInfo.newBuilder().setId("bench").setIp(0).setPort(5050)
                .setHostname("127.0.0.1").build(), policies, new CycleStats());
        for (int a = 0; a < agentCount; a++) {
            Agent agent = new Agent("agent-stream-" + a);
            master.subscribeAgent(AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE)
                    .setSubscribe(AgentCall.Subscribe.newBuilder().setAgentInfo(AgentInfo.newBuilder()
                            .setHostname("10.0." + (a / 250) + "." + (a % 250))
                            .addAllResources(Resources.parse(agentResources).toProtos()))).build(), agent);
            agents.add(agent);
        }
        int f = 0;
        for (Profile profile : profiles) {
            for (int i = 0; i < profile.frameworks(); i++, f++) {
                subscribe(f, profile);
            }
        }
    }

    private void subscribe(int f, Profile profile) {
        Framework framework = new Framework("fw-stream-" + f, profile);
        master.subscribeFramework(Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder()
                        .setUser("bench").setName("fill-" + f).addRoles("default")
                        .addCapabilities(FrameworkInfo.Capability.newBuilder()
                                .setType(FrameworkInfo.Capability.Type.MULTI_ROLE)))).build(), framework);
        if (framework.id == null) {
            throw new IllegalStateException("framework " + f + " was not subscribed");
        }
        frameworks.add(framework);
    }

    /** One timed round from an empty cluster until it is full or every framework has all it wants. */
    Round round() {
        long capacity = target;
        long launched = 0;
        int cycles = 0;
        int accepts = 0;
        long started = System.nanoTime();
        while (launched < capacity) {
            clock.advance(Duration.ofSeconds(1));
            master.tick();
            cycles++;
            long before = launched;
            for (Framework f : frameworks) {
                for (Offer offer : f.takeOffers()) {
                    launched += f.accept(offer);
                    accepts++;
                }
            }
            if (launched == before && cycles > 3) {
                throw new IllegalStateException("no progress: " + launched + " of " + capacity + " tasks after "
                        + cycles + " cycles; frameworks short of what they want: " + frameworks.stream()
                        .filter(f -> f.live.size() < f.wanted).map(f -> f.live.size() + "/" + f.wanted).toList());
            }
        }
        long nanos = System.nanoTime() - started;
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (Framework f : frameworks) {
            max = Math.max(max, f.live.size());
            min = Math.min(min, f.live.size());
        }
        return new Round(nanos, launched, cycles, accepts, max, min);
    }

    /** Untimed: every task ends (TASK_FINISHED from its agent, acknowledged by its framework). */
    void endAllTasks() {
        for (Framework f : frameworks) {
            for (Launched t : f.live) {
                ByteString uuid = uuid(t.taskId);
                CallOutcome update = master.handleAgentCall(AgentCall.newBuilder().setType(AgentCall.Type.UPDATE)
                        .setAgentId(t.agentId).setUpdate(AgentCall.Update.newBuilder().setFrameworkId(
                                FrameworkID.newBuilder().setValue(f.id)).setStatus(TaskStatus.newBuilder()
                                .setTaskId(TaskID.newBuilder().setValue(t.taskId)).setAgentId(t.agentId)
                                .setState(TaskState.TASK_FINISHED).setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                                .setUuid(uuid))).build(), t.agent.id());
                check(update, "agent UPDATE");
                CallOutcome ack = master.handleSchedulerCall(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE)
                        .setFrameworkId(FrameworkID.newBuilder().setValue(f.id)).setAcknowledge(
                                Call.Acknowledge.newBuilder().setAgentId(t.agentId)
                                        .setTaskId(TaskID.newBuilder().setValue(t.taskId)).setUuid(uuid)).build(), f.streamId);
                check(ack, "ACKNOWLEDGE");
            }
            if (f.live.size() == f.wanted) {
                f.call(Call.Type.REVIVE); // it suppressed offers once it had all
            }
            f.live.clear();
            f.offers.clear();
        }
        agents.forEach(a -> a.runTasks = 0);
    }

    /** A status update's 16-byte uuid, derived from the task id (each task sends one update). */
    private static ByteString uuid(String taskId) {
        java.util.UUID u = java.util.UUID.nameUUIDFromBytes(taskId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ByteString.copyFrom(java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private static void check(CallOutcome outcome, String what) {
        if (outcome.status() >= 300) {
            throw new IllegalStateException(what + " refused: " + outcome);
        }
    }

    /** A framework that accepts every offer with as many tasks as fit and it still wants. */
    private final class Framework implements EventStream<Event> {
        private final String streamId;
        private final List<Resource> task;
        private final Resources shape;
        private final int wanted;
        private final int maxPerOffer;
        String id;
        final List<Offer> offers = new ArrayList<>();
        final List<Launched> live = new ArrayList<>();

        Framework(String streamId, Profile profile) {
            this.streamId = streamId;
            this.shape = Resources.parse(profile.taskResources());
            this.task = shape.toProtos();
            this.wanted = profile.tasks();
            this.maxPerOffer = profile.maxPerOffer();
        }

        @Override
        public String id() {
            return streamId;
        }

        @Override
        public boolean send(Event event) {
            switch (event.getType()) {
                case SUBSCRIBED -> id = event.getSubscribed().getFrameworkId().getValue();
                case OFFERS -> offers.addAll(event.getOffers().getOffersList());
                case RESCIND -> offers.removeIf(o -> o.getId().equals(event.getRescind().getOfferId()));
                case ERROR -> throw new IllegalStateException("framework " + id + ": " + event.getError().getMessage());
                default -> { }
            }
            return true;
        }

        @Override
        public void close() {
        }

        void call(Call.Type type) {
            check(master.handleSchedulerCall(Call.newBuilder().setType(type)
                    .setFrameworkId(FrameworkID.newBuilder().setValue(id)).build(), streamId), type.name());
        }

        List<Offer> takeOffers() {
            if (offers.isEmpty()) {
                return List.of();
            }
            List<Offer> taken = new ArrayList<>(offers);
            offers.clear();
            return taken;
        }

        /** One ACCEPT of {@code offer}: the tasks that fit, or a decline if none does. */
        int accept(Offer offer) {
            Resources free = Resources.fromProtos(offer.getResourcesList());
            int fit = Integer.MAX_VALUE;
            for (String name : shape.names()) {
                fit = Math.min(fit, (int) Math.floor(free.scalarSum(name).value() / shape.scalarSum(name).value()
                        + 1e-9));
            }
            int count = Math.max(0, Math.min(Math.min(fit, maxPerOffer), wanted - live.size()));
            Offer.Operation.Launch.Builder launch = Offer.Operation.Launch.newBuilder();
            Agent agent = count > 0 ? agentOf(offer) : null;
            for (int i = 0; i < count; i++) {
                String taskId = "t" + taskSequence++;
                launch.addTaskInfos(TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder()
                        .setValue(taskId)).setAgentId(offer.getAgentId()).addAllResources(task)
                        .setCommand(TRUE));
                live.add(new Launched(taskId, offer.getAgentId(), agent));
            }
            Call.Accept.Builder accept = Call.Accept.newBuilder().addOfferIds(offer.getId()).setFilters(NO_REFUSAL);
            if (count > 0) {
                accept.addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                        .setLaunch(launch));
            }
            check(master.handleSchedulerCall(Call.newBuilder().setType(Call.Type.ACCEPT)
                    .setFrameworkId(FrameworkID.newBuilder().setValue(id)).setAccept(accept).build(), streamId),
                    "ACCEPT");
            if (count > 0 && live.size() == wanted) {
                // all it wants: a framework says so (else it is offered the rest again every cycle)
                call(Call.Type.SUPPRESS);
            }
            return count;
        }
    }

    private Agent agentOf(Offer offer) {
        // hostnames encode the index: 10.0.<a / 250>.<a % 250>
        String[] octets = offer.getHostname().split("\\.");
        return agents.get(Integer.parseInt(octets[2]) * 250 + Integer.parseInt(octets[3]));
    }

    private record Launched(String taskId, AgentID agentId, Agent agent) {}

    /** An agent's stream: counts what the master tells it to run. */
    private static final class Agent implements EventStream<AgentEvent> {
        private final String streamId;
        long runTasks;

        Agent(String streamId) {
            this.streamId = streamId;
        }

        @Override
        public String id() {
            return streamId;
        }

        @Override
        public boolean send(AgentEvent event) {
            if (event.getType() == AgentEvent.Type.RUN_TASK) {
                runTasks++;
            }
            return true;
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> sizes = new ArrayList<>();
        int warmup = 2;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> sizes.add(args[i]);
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of("1000x100", "1000x1000", "10000x100", "10000x1000");
        }
        System.out.printf("MasterFill: real master core (drf), in process; JVM %s, %d cpus, max heap %d MB%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        for (String size : sizes) {
            String[] nm = size.split("x");
            run(Integer.parseInt(nm[0]), Integer.parseInt(nm[1]), warmup, rounds);
        }
    }

    static void run(int n, int m, int warmup, int rounds) {
        long setupStarted = System.nanoTime();
        MasterFill bench = new MasterFill(n, m);
        double setupMs = (System.nanoTime() - setupStarted) / 1e6;
        List<Round> measured = new ArrayList<>();
        for (int r = 0; r < warmup + rounds; r++) {
            System.gc();
            Round round = bench.round();
            long ran = bench.agents.stream().mapToLong(a -> a.runTasks).sum();
            if (ran != round.tasks()) {
                throw new IllegalStateException("agents were told to run " + ran + " tasks, frameworks launched "
                        + round.tasks());
            }
            if (round.maxTasks() - round.minTasks() > 1) {
                // the master passes no task shape to the policy yet (frameworks cannot declare one), so
                // drf offers whole agents: fair to within one task only when M divides N
                throw new IllegalStateException("frameworks hold " + round.minTasks() + ".." + round.maxTasks()
                        + " tasks: more than one task apart (whole-agent offers; pick N divisible by M)");
            }
            System.out.printf("  %s %5d x %4d round %d: %8.1f ms  %7d tasks  %9.0f tasks/s  cycles %d  accepts %d"
                    + "  tasks/framework %d..%d  max/min share %.3f%n", r < warmup ? "warm-up " : "measured",
                    n, m, r, round.millis(), round.tasks(), round.tasks() / (round.nanos() / 1e9), round.cycles(),
                    round.accepts(), round.minTasks(), round.maxTasks(), round.maxOverMinShare());
            if (r >= warmup) {
                measured.add(round);
            }
            bench.endAllTasks();
        }
        double[] ms = measured.stream().mapToDouble(Round::millis).sorted().toArray();
        double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        Round last = measured.get(measured.size() - 1);
        System.out.printf("RESULT system=mezzo-master nodes=%d apps=%d rounds=%d median_ms=%.1f min_ms=%.1f max_ms=%.1f"
                + " containers_per_round=%d containers_per_s=%.0f max_over_min_share=%.3f setup_ms=%.0f%n",
                n, m, ms.length, median, ms[0], ms[ms.length - 1], last.tasks(), last.tasks() / (median / 1e3),
                last.maxOverMinShare(), setupMs);
    }

    @Override
    public String toString() {
        return "MasterFill" + Arrays.asList(agents.size(), frameworks.size());
    }
}
