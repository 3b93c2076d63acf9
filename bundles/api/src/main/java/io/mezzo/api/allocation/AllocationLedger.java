package io.mezzo.api.allocation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The master's record of what is free, held, refused and suppressed, kept up to date one event at
 * a time (agent added, grant made, resources recovered, DECLINE, SUPPRESS, REVIVE) and handed to
 * the active policy as its {@link AllocationView}. Every change costs O(1) or O(roles), except
 * REVIVE and framework removal, which clear one bit per agent; nothing is rebuilt per round.
 *
 * <p>How the master drives it, all on its allocation thread:
 * <ul>
 *   <li>agent subscribes: {@link #addAgent} with its resources minus what its running tasks use,
 *       then {@link #allocate} a grant per running task's framework (so shares are right from the
 *       start); agent gone: {@link #recover} everything it held, then {@link #removeAgent};</li>
 *   <li>framework SUBSCRIBE / TEARDOWN: {@link #addFramework} / recover, then
 *       {@link #removeFramework}; SUPPRESS, REVIVE: {@link #suppress}, {@link #revive};</li>
 *   <li>each round: {@link #expireFilters}, then {@code policy.allocate(ledger)}, then for each
 *       grant {@link #allocate} (the offer now holds it) and send it as an offer;</li>
 *   <li>ACCEPT: the launched part stays allocated; the unused part is {@link #recover}ed;
 *       DECLINE / offer timeout / RESCIND: {@link #recover} the whole offer, plus
 *       {@link #refuse} with {@code refuse_seconds} (Mesos' default is 5 s);</li>
 *   <li>task ends: {@link #recover} its resources.</li>
 * </ul>
 * A swap of policy needs nothing here: the ledger is the same for every policy.
 *
 * <p>Not thread-safe, on purpose: it has a single writer, the master's allocation thread, which
 * also calls the policy, so the policy reads a view that cannot change under it.
 */
public final class AllocationLedger implements AllocationView {

    private final List<Agent> agents = new ArrayList<>();
    private final ArrayDeque<Integer> vacantAgentSlots = new ArrayDeque<>();
    private final Map<String, Agent> agentsById = new HashMap<>();
    private final List<Framework> frameworks = new ArrayList<>();
    private final ArrayDeque<Integer> vacantFrameworkSlots = new ArrayDeque<>();
    private final Map<String, Framework> frameworksById = new HashMap<>();
    private final TreeMap<String, Role> roles = new TreeMap<>();
    private final Collection<Role> rolesView = Collections.unmodifiableCollection(roles.values());
    private final SlotSet wanting = new SlotSet();
    private final SlotSet offerable = new SlotSet();
    private final RefuseFilters filters = new RefuseFilters();
    // epochs survive slot reuse, so filters of a previous occupant of a slot are recognised as stale
    private int[] agentEpochs = new int[16];
    private int[] frameworkEpochs = new int[16];
    private OfferMinimum offerMinimum;
    private Quantities total = Quantities.EMPTY;
    private long generation;

    public AllocationLedger() {
        this(OfferMinimum.DEFAULT);
    }

    public AllocationLedger(OfferMinimum offerMinimum) {
        this.offerMinimum = Objects.requireNonNull(offerMinimum);
    }

    // ---- what policies read

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public Quantities total() {
        return total;
    }

    @Override
    public OfferMinimum offerMinimum() {
        return offerMinimum;
    }

    @Override
    public int agentSlots() {
        return agents.size();
    }

    @Override
    public AgentView agent(int slot) {
        return agents.get(slot);
    }

    /** The agent with this id, or {@code null}. */
    public AgentView agent(String id) {
        return agentsById.get(id);
    }

    @Override
    public int frameworkSlots() {
        return frameworks.size();
    }

    @Override
    public FrameworkView framework(int slot) {
        return frameworks.get(slot);
    }

    /** The framework with this id, or {@code null}. */
    public FrameworkView framework(String id) {
        return frameworksById.get(id);
    }

    @Override
    public Collection<? extends RoleView> roles() {
        return rolesView;
    }

    @Override
    public RoleView role(String name) {
        return roles.get(name);
    }

    @Override
    public SlotSet wanting() {
        return wanting;
    }

    @Override
    public SlotSet offerableAgents() {
        return offerable;
    }

    /** Filters waiting to expire (including superseded entries); for metrics and tests. */
    public int pendingFilterEntries() {
        return filters.pending();
    }

    // ---- agents

    /** An agent joins with {@code unreserved} resources plus {@code reserved} ones per role. */
    public void addAgent(String id, Quantities unreserved, Map<String, Quantities> reserved, Map<String, String> attributes) {
        if (agentsById.containsKey(id)) {
            throw new IllegalArgumentException("agent already known: " + id);
        }
        int slot = vacantAgentSlots.isEmpty() ? agents.size() : vacantAgentSlots.pop();
        if (slot >= RefuseFilters.MAX_AGENT_SLOTS) {
            throw new IllegalStateException("too many agents");
        }
        Agent agent = new Agent(slot, id, unreserved, reserved, attributes);
        if (slot == agents.size()) {
            agents.add(agent);
        } else {
            agents.set(slot, agent);
        }
        agentsById.put(id, agent);
        total = total.plus(agent.total);
        agent.reservedTotal.forEach((role, amount) -> role(role, true).changeReserved(amount, true));
        recheck(agent);
        generation++;
    }

    /** An agent leaves; the master must first have recovered everything allocated on it. */
    public void removeAgent(String id) {
        Agent agent = agentOrThrow(id);
        if (!agent.free.equals(agent.unreservedTotal) || !agent.reservedFree.equals(agent.reservedTotal)) {
            throw new IllegalStateException("agent " + id + " still has allocations; recover them first");
        }
        agents.set(agent.slot, null);
        offerable.remove(agent.slot);
        vacantAgentSlots.push(agent.slot);
        agentsById.remove(id);
        agentEpochs = ensure(agentEpochs, agent.slot);
        agentEpochs[agent.slot]++;
        total = total.minus(agent.total);
        agent.reservedTotal.forEach((role, amount) -> {
            Role r = roles.get(role);
            r.changeReserved(amount, false);
            dropIfUnused(r);
        });
        generation++;
    }

    /**
     * An agent stops being offered (disconnected, unreachable, draining) but keeps its resources,
     * its allocations and its place in the total, as Mesos' {@code deactivateSlave} does: the
     * tasks it still runs keep counting toward their frameworks' shares.
     */
    public void deactivateAgent(String id) {
        Agent agent = agentOrThrow(id);
        if (agent.active) {
            agent.active = false;
            offerable.remove(agent.slot);
            generation++;
        }
    }

    /** An agent deactivated earlier may be offered again. */
    public void activateAgent(String id) {
        Agent agent = agentOrThrow(id);
        if (!agent.active) {
            agent.active = true;
            recheck(agent);
            generation++;
        }
    }

    // ---- frameworks

    public void addFramework(String id, List<String> frameworkRoles) {
        if (frameworksById.containsKey(id)) {
            throw new IllegalArgumentException("framework already known: " + id);
        }
        if (frameworkRoles.isEmpty()) {
            throw new IllegalArgumentException("a framework needs a role");
        }
        int slot = vacantFrameworkSlots.isEmpty() ? frameworks.size() : vacantFrameworkSlots.pop();
        if (slot >= RefuseFilters.MAX_FRAMEWORK_SLOTS) {
            throw new IllegalStateException("too many frameworks");
        }
        Framework framework = new Framework(slot, id, frameworkRoles);
        if (slot == frameworks.size()) {
            frameworks.add(framework);
        } else {
            frameworks.set(slot, framework);
        }
        frameworksById.put(id, framework);
        for (String role : framework.roles) {
            Role r = role(role, true);
            r.subscribers++;
            r.wanting.add(slot);
        }
        wanting.add(slot);
        recheckAll(false);
        generation++;
    }

    /** A framework leaves; the master must first have recovered everything it held. */
    public void removeFramework(String id) {
        Framework framework = frameworkOrThrow(id);
        if (!framework.allocated.isEmpty()) {
            throw new IllegalStateException("framework " + id + " still holds resources; recover them first");
        }
        clearFilters(framework);
        for (String role : framework.roles) {
            Role r = roles.get(role);
            r.subscribers--;
            r.wanting.remove(framework.slot);
            dropIfUnused(r);
        }
        wanting.remove(framework.slot);
        recheckAll(true);
        frameworks.set(framework.slot, null);
        vacantFrameworkSlots.push(framework.slot);
        frameworksById.remove(id);
        generation++;
    }

    /** The shape of the framework's tasks, so policies may offer it slices (empty: whole agents). */
    public void setTaskShape(String frameworkId, Quantities shape) {
        frameworkOrThrow(frameworkId).taskShape = Objects.requireNonNull(shape);
        generation++;
    }

    /** SUPPRESS for one role: no offers in it until REVIVE. */
    public void suppress(String frameworkId, String role) {
        Framework framework = frameworkOrThrow(frameworkId);
        if (!framework.roles.contains(role)) {
            throw new IllegalArgumentException(frameworkId + " is not in role " + role);
        }
        framework.suppressed.add(role);
        roles.get(role).wanting.remove(framework.slot);
        if (framework.suppressed.size() == framework.roles.size()) {
            wanting.remove(framework.slot);
        }
        recheckAll(true);
        generation++;
    }

    /** SUPPRESS with no roles: all of them. */
    public void suppress(String frameworkId) {
        for (String role : frameworkOrThrow(frameworkId).roles) {
            suppress(frameworkId, role);
        }
    }

    /** REVIVE: drops every refuse filter of the framework and lifts every suppression, as Mesos does. */
    public void revive(String frameworkId) {
        Framework framework = frameworkOrThrow(frameworkId);
        clearFilters(framework);
        for (String role : framework.suppressed) {
            roles.get(role).wanting.add(framework.slot);
        }
        framework.suppressed.clear();
        wanting.add(framework.slot);
        recheckAll(false);
        generation++;
    }

    /** DECLINE with {@code refuse_seconds}: no offers of this agent to this framework until {@code untilMillis}. */
    public void refuse(String frameworkId, String agentId, long untilMillis) {
        Framework framework = frameworkOrThrow(frameworkId);
        Agent agent = agentOrThrow(agentId);
        boolean renewed = agent.refusers.contains(framework.slot);
        agent.refusers.add(framework.slot);
        frameworkEpochs = ensure(frameworkEpochs, framework.slot);
        agentEpochs = ensure(agentEpochs, agent.slot);
        filters.add(framework.slot, frameworkEpochs[framework.slot], agent.slot, agentEpochs[agent.slot], untilMillis, renewed);
        if (!renewed && offerable.contains(agent.slot)) {
            recheck(agent);
        }
        generation++;
    }

    /** Drops the filters due at {@code nowMillis}; the master calls it before each round. */
    public int expireFilters(long nowMillis) {
        int cleared = filters.expire(nowMillis, this::clearExpired);
        if (cleared > 0) {
            generation++;
        }
        return cleared;
    }

    private boolean clearExpired(int frameworkSlot, int frameworkEpoch, int agentSlot, int agentEpoch) {
        if (RefuseFilters.epoch(frameworkEpochs[frameworkSlot]) != frameworkEpoch
                || RefuseFilters.epoch(agentEpochs[agentSlot]) != agentEpoch) {
            return false;
        }
        Agent agent = agents.get(agentSlot);
        if (agent == null || !agent.refusers.contains(frameworkSlot)) {
            return false;
        }
        agent.refusers.remove(frameworkSlot);
        if (!offerable.contains(agentSlot) && wanting.contains(frameworkSlot)) {
            recheck(agent);
        }
        return true;
    }

    private void clearFilters(Framework framework) {
        frameworkEpochs = ensure(frameworkEpochs, framework.slot);
        filters.forget(framework.slot, RefuseFilters.epoch(frameworkEpochs[framework.slot]));
        frameworkEpochs[framework.slot]++;
        for (Agent agent : agents) {
            if (agent != null) {
                agent.refusers.remove(framework.slot);
            }
        }
    }

    // ---- roles

    /** A role's weight (operators set {@code weights = role1=2,role2=1}). */
    public void setWeight(String role, double weight) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be positive: " + weight);
        }
        Role r = role(role, true);
        r.weight = weight;
        r.weightSet = weight != 1.0;
        dropIfUnused(r);
        generation++;
    }

    // ---- allocations

    /** Books a policy's grant (an offer made): the resources leave the agent's free pool. */
    public void allocate(Grant grant) {
        Framework framework = frameworkOrThrow(grant.frameworkId());
        Agent agent = agentOrThrow(grant.agentId());
        String role = grant.role();
        if (!framework.roles.contains(role)) {
            throw new IllegalArgumentException(grant.frameworkId() + " is not in role " + role);
        }
        Quantities amount = grant.resources();
        if (grant.reserved()) {
            Quantities left = agent.reservedFree.getOrDefault(role, Quantities.EMPTY).minus(amount);
            putOrRemove(agent.reservedFree, role, left);
        } else {
            agent.free = agent.free.minus(amount);
            roles.get(role).changeAllocated(amount, true);
        }
        framework.allocated.merge(role, amount, Quantities::plus);
        framework.allocations++;
        recheck(agent);
        generation++;
    }

    /** Returns resources to the agent's free pool: an offer declined or rescinded, a task ended. */
    public void recover(String frameworkId, String agentId, String role, Quantities amount, boolean reserved) {
        Framework framework = frameworkOrThrow(frameworkId);
        Agent agent = agentOrThrow(agentId);
        Quantities held = framework.allocated.getOrDefault(role, Quantities.EMPTY).minus(amount);
        putOrRemove(framework.allocated, role, held);
        if (reserved) {
            agent.reservedFree.merge(role, amount, Quantities::plus);
            if (!agent.reservedTotal.getOrDefault(role, Quantities.EMPTY).contains(agent.reservedFree.get(role))) {
                throw new IllegalArgumentException("recovering more than " + agentId + " reserved for " + role);
            }
        } else {
            agent.free = agent.free.plus(amount);
            if (!agent.unreservedTotal.contains(agent.free)) {
                throw new IllegalArgumentException("recovering more than " + agentId + " has");
            }
            roles.get(role).changeAllocated(amount, false);
        }
        recheck(agent);
        generation++;
    }

    // ---- which agents are worth a look

    /**
     * Re-derives one agent's {@link #offerableAgents()} bit: O(framework words) per role with
     * something free on the agent.
     */
    private void recheck(Agent agent) {
        if (!agent.active) {
            return;
        }
        boolean worthOffering = offerMinimum.isMetBy(agent.free) && someoneMayTake(wanting, agent.refusers);
        if (!worthOffering) {
            for (Map.Entry<String, Quantities> reservation : agent.reservedFree.entrySet()) {
                Role role = roles.get(reservation.getKey());
                if (role != null && offerMinimum.isMetBy(reservation.getValue()) && someoneMayTake(role.wanting, agent.refusers)) {
                    worthOffering = true;
                    break;
                }
            }
        }
        if (worthOffering) {
            offerable.add(agent.slot);
        } else {
            offerable.remove(agent.slot);
        }
    }

    /**
     * After the set of frameworks wanting offers changed: if it shrank ({@code shrank}) only
     * offerable agents can lose their bit, if it grew only the others can gain it. O(agents ×
     * framework words), on SUPPRESS, REVIVE and framework arrival or departure only.
     */
    private void recheckAll(boolean shrank) {
        for (Agent agent : agents) {
            if (agent != null && offerable.contains(agent.slot) == shrank) {
                recheck(agent);
            }
        }
    }

    private static boolean someoneMayTake(SlotSet candidates, SlotSet refusers) {
        for (int w = 0; w < candidates.words(); w++) {
            if ((candidates.word(w) & ~refusers.word(w)) != 0) {
                return true;
            }
        }
        return false;
    }

    // ---- internals

    private Role role(String name, boolean create) {
        Role r = roles.get(name);
        if (r == null && create) {
            r = new Role(name);
            roles.put(name, r);
        }
        return r;
    }

    private void dropIfUnused(Role r) {
        if (r.subscribers == 0 && !r.weightSet && r.reserved.isEmpty() && r.allocatedUnreserved.isEmpty()) {
            roles.remove(r.name);
        }
    }

    private Agent agentOrThrow(String id) {
        Agent agent = agentsById.get(id);
        if (agent == null) {
            throw new IllegalArgumentException("unknown agent " + id);
        }
        return agent;
    }

    private Framework frameworkOrThrow(String id) {
        Framework framework = frameworksById.get(id);
        if (framework == null) {
            throw new IllegalArgumentException("unknown framework " + id);
        }
        return framework;
    }

    private static int[] ensure(int[] array, int index) {
        return index < array.length ? array : java.util.Arrays.copyOf(array, Math.max(index + 1, array.length * 2));
    }

    private static void putOrRemove(Map<String, Quantities> map, String key, Quantities value) {
        if (value.isEmpty()) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private static final class Agent implements AgentView {
        final int slot;
        final String id;
        final Quantities unreservedTotal;
        final Map<String, Quantities> reservedTotal;
        final Quantities total;
        final Map<String, String> attributes;
        final TreeMap<String, Quantities> reservedFree;
        final Map<String, Quantities> reservedFreeView;
        final SlotSet refusers = new SlotSet();
        Quantities free;
        boolean active = true;

        Agent(int slot, String id, Quantities unreserved, Map<String, Quantities> reserved, Map<String, String> attributes) {
            this.slot = slot;
            this.id = id;
            this.unreservedTotal = unreserved;
            TreeMap<String, Quantities> sorted = new TreeMap<>(reserved);
            sorted.values().removeIf(Quantities::isEmpty);
            this.reservedTotal = Collections.unmodifiableMap(new TreeMap<>(sorted));
            Quantities sum = unreserved;
            for (Quantities amount : sorted.values()) {
                sum = sum.plus(amount);
            }
            this.total = sum;
            this.attributes = Map.copyOf(attributes);
            this.reservedFree = sorted;
            this.reservedFreeView = Collections.unmodifiableMap(sorted);
            this.free = unreserved;
        }

        @Override public int slot() { return slot; }
        @Override public String id() { return id; }
        @Override public Quantities total() { return total; }
        @Override public Quantities free() { return free; }
        @Override public Map<String, Quantities> reservedFree() { return reservedFreeView; }
        @Override public Map<String, String> attributes() { return attributes; }
        @Override public SlotSet refusers() { return refusers; }
    }

    private static final class Framework implements FrameworkView {
        final int slot;
        final String id;
        final List<String> roles;
        final Set<String> suppressed = new HashSet<>();
        final Map<String, Quantities> allocated = new HashMap<>();
        long allocations;
        Quantities taskShape = Quantities.EMPTY;

        Framework(int slot, String id, List<String> roles) {
            this.slot = slot;
            this.id = id;
            this.roles = List.copyOf(new java.util.LinkedHashSet<>(roles));
        }

        @Override public int slot() { return slot; }
        @Override public String id() { return id; }
        @Override public List<String> roles() { return roles; }
        @Override public boolean suppressed(String role) { return suppressed.contains(role); }
        @Override public Quantities allocated(String role) { return allocated.getOrDefault(role, Quantities.EMPTY); }
        @Override public long allocations() { return allocations; }
        @Override public Quantities taskShape() { return taskShape; }
    }

    private static final class Role implements RoleView {
        final String name;
        final SlotSet wanting = new SlotSet();
        double weight = 1.0;
        boolean weightSet;
        int subscribers;
        Quantities reserved = Quantities.EMPTY;
        Quantities allocatedUnreserved = Quantities.EMPTY;
        Quantities allocated = Quantities.EMPTY;

        Role(String name) {
            this.name = name;
        }

        void changeReserved(Quantities amount, boolean add) {
            reserved = add ? reserved.plus(amount) : reserved.minus(amount);
            allocated = reserved.plus(allocatedUnreserved);
        }

        void changeAllocated(Quantities amount, boolean add) {
            allocatedUnreserved = add ? allocatedUnreserved.plus(amount) : allocatedUnreserved.minus(amount);
            allocated = reserved.plus(allocatedUnreserved);
        }

        @Override public String name() { return name; }
        @Override public double weight() { return weight; }
        @Override public Quantities allocated() { return allocated; }
        @Override public SlotSet wanting() { return wanting; }
    }
}
