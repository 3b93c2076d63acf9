package io.mezzo.allocator.drf.internal;

import io.mezzo.api.allocation.AgentView;
import io.mezzo.api.allocation.AllocationView;
import io.mezzo.api.allocation.FrameworkView;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import io.mezzo.api.allocation.RoleView;
import io.mezzo.api.allocation.SlotSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One round of hierarchical DRF, as Mesos' allocator runs it: a sorter of roles (share divided by
 * role weight) and, inside each role, a sorter of its frameworks; the next resources always go to
 * the lowest framework of the lowest role.
 *
 * <p>Unlike Mesos, the round is progressive filling in units of a framework's task shape when the
 * framework has one: the lowest framework gets one task's worth, shares are updated, and the new
 * lowest goes next. That is what keeps every framework within one task of the others on agents
 * much larger than tasks (24-cpu agents, 1-cpu tasks), where handing out whole agents would leave
 * them 24 tasks apart. A framework keeps filling the agent it started on before it takes a fresh
 * one, so its grants come as few large slices rather than many single tasks. Frameworks with no
 * task shape get whole agents, exactly as in Mesos.
 *
 * <p>Reservations go first, each to the lowest framework of the reserving role; they already
 * count in the role's share, so handing them out does not move the role.
 */
final class HierarchicalDrf {

    private final AllocationView view;
    private final Columns columns;
    private final List<Grant> grants = new ArrayList<>();
    private final Map<String, RoleGroup> groups = new TreeMap<>();

    private HierarchicalDrf(AllocationView view) {
        this.view = view;
        this.columns = new Columns(view.total());
    }

    /** The grants of one round over {@code view}. */
    static List<Grant> allocate(AllocationView view) {
        if (view.total().isEmpty() || view.offerableAgents().isEmpty()) {
            return List.of();
        }
        HierarchicalDrf round = new HierarchicalDrf(view);
        List<AgentView> reserved = agentsWithReservationsOnOffer(view);
        AgentPool pool = AgentPool.of(view, round.columns);
        if (reserved.isEmpty() && pool.size() == 0) {
            return List.of();
        }
        round.buildSorters();
        round.offerReservations(reserved);
        round.fill(pool);
        return round.grants;
    }

    private static List<AgentView> agentsWithReservationsOnOffer(AllocationView view) {
        List<AgentView> agents = new ArrayList<>();
        SlotSet offerable = view.offerableAgents();
        for (int slot = offerable.next(0); slot >= 0; slot = offerable.next(slot + 1)) {
            AgentView agent = view.agent(slot);
            if (!agent.reservedFree().isEmpty()) {
                agents.add(agent);
            }
        }
        return agents;
    }

    private void buildSorters() {
        for (RoleView role : view.roles()) {
            SlotSet wanting = role.wanting();
            if (wanting.isEmpty()) {
                continue;
            }
            RoleGroup group = new RoleGroup(role, columns.held(role.allocated()));
            group.share = columns.share(group.allocated) / group.weight;
            for (int slot = wanting.next(0); slot >= 0; slot = wanting.next(slot + 1)) {
                FrameworkView framework = view.framework(slot);
                Quantities shape = framework.taskShape();
                long[] unit = shape.isEmpty() ? null : columns.vector(shape);
                if (!shape.isEmpty() && unit == null) {
                    continue; // its tasks need a resource no agent has: nothing can fit
                }
                Client client = new Client(framework, group, columns.held(framework.allocated(role.name())), unit);
                client.share = columns.share(client.allocated);
                client.allocations = framework.allocations();
            }
            if (!group.all.isEmpty()) {
                DominantShareSorter.rankByName(group.all);
                group.all.forEach(group.clients::add);
                groups.put(role.name(), group);
            }
        }
        DominantShareSorter.rankByName(new ArrayList<>(groups.values()));
    }

    private void offerReservations(List<AgentView> agents) {
        for (AgentView agent : agents) {
            for (Map.Entry<String, Quantities> entry : agent.reservedFree().entrySet()) {
                RoleGroup group = groups.get(entry.getKey());
                Quantities amount = entry.getValue();
                if (group == null || !view.offerMinimum().isMetBy(amount)) {
                    continue;
                }
                Client lowest = group.lowestNotRefusing(agent.refusers());
                if (lowest != null) {
                    grants.add(new Grant(lowest.framework.id(), agent.id(), group.role.name(), amount, true));
                    add(lowest.allocated, columns.vector(amount), 1);
                    lowest.share = columns.share(lowest.allocated);
                    lowest.allocations++;
                    group.clients.changed(lowest);
                }
            }
        }
    }

    private void fill(AgentPool pool) {
        DominantShareSorter<RoleGroup> roles = new DominantShareSorter<>();
        groups.values().forEach(roles::add);
        RoleGroup group;
        while ((group = roles.lowest()) != null) {
            Client client = group.clients.lowest();
            if (!place(client, pool)) {
                group.clients.remove(client);
                if (group.clients.isEmpty()) {
                    roles.remove(group);
                }
                continue;
            }
            client.share = columns.share(client.allocated);
            client.allocations++;
            group.clients.changed(client);
            group.share = columns.share(group.allocated) / group.weight;
            group.allocations++;
            roles.changed(group);
        }
    }

    /** Gives {@code client} its next unit (or whole agent); false when nothing in the pool suits it. */
    private boolean place(Client client, AgentPool pool) {
        if (client.open >= 0) {
            if (pool.fits(client.open, client.unit)) {
                giveUnit(client, pool, client.open);
                return true;
            }
            close(client, pool);
        }
        int agent = findAgent(client, pool);
        if (agent < 0) {
            return false;
        }
        if (client.unit == null) {
            long[] before = client.allocated.clone();
            Quantities all = pool.takeAll(agent, client.allocated);
            for (int c = 0; c < before.length; c++) {
                client.group.allocated[c] += client.allocated[c] - before[c];
            }
            grants.add(new Grant(client.framework.id(), pool.agent(agent).id(), client.group.role.name(), all, false));
            return true;
        }
        client.open = agent;
        giveUnit(client, pool, agent);
        return true;
    }

    private void giveUnit(Client client, AgentPool pool, int agent) {
        pool.take(agent, client.unit, 1);
        client.openUnits++;
        add(client.allocated, client.unit, 1);
        add(client.group.allocated, client.unit, 1);
    }

    /** Books what {@code client} took from its open agent as one grant and lets the agent go. */
    private void close(Client client, AgentPool pool) {
        Quantities taken = client.framework.taskShape().times(client.openUnits);
        if (view.offerMinimum().isMetBy(taken)) {
            grants.add(new Grant(client.framework.id(), pool.agent(client.open).id(), client.group.role.name(), taken, false));
        }
        client.open = -1;
        client.openUnits = 0;
    }

    /**
     * A fresh agent first, so that each framework fills agents of its own and its grants stay few
     * and large; when none is left, a share of an agent others started on.
     */
    private int findAgent(Client client, AgentPool pool) {
        int frameworkSlot = client.framework.slot();
        // an agent that does not suit the client now never will this round (amounts only shrink),
        // so both cursors only move forward: a client looks at each agent at most twice per round
        for (int i = pool.nextFresh(client.freshCursor); i < pool.size(); i = pool.nextFresh(i + 1)) {
            client.freshCursor = i + 1;
            if (!pool.refusedBy(i, frameworkSlot) && (client.unit == null || pool.fits(i, client.unit))) {
                pool.claim(i);
                return i;
            }
        }
        client.freshCursor = pool.size();
        for (int k = pool.nextLiveClaimed(client.claimedCursor); k < pool.claimedCount(); k = pool.nextLiveClaimed(k + 1)) {
            client.claimedCursor = k;
            int i = pool.claimed(k);
            if (!pool.refusedBy(i, frameworkSlot) && (client.unit == null || pool.fits(i, client.unit))) {
                return i;
            }
        }
        client.claimedCursor = pool.claimedCount();
        return -1;
    }

    private static void add(long[] to, long[] amount, long copies) {
        for (int c = 0; c < to.length; c++) {
            to[c] += amount[c] * copies;
        }
    }

    /** A role in the role sorter, with a sorter of its frameworks. */
    static final class RoleGroup extends DominantShareSorter.Consumer {
        final RoleView role;
        final double weight;
        final long[] allocated;
        final DominantShareSorter<Client> clients = new DominantShareSorter<>();
        final List<Client> all = new ArrayList<>();

        RoleGroup(RoleView role, long[] allocated) {
            super(role.name());
            this.role = role;
            this.weight = role.weight();
            this.allocated = allocated;
        }

        Client lowestNotRefusing(SlotSet refusers) {
            Client best = null;
            for (Client client : all) {
                if (!refusers.contains(client.framework.slot()) && (best == null || client.before(best))) {
                    best = client;
                }
            }
            return best;
        }
    }

    /** A framework in one of its roles (Mesos' sorter client). */
    static final class Client extends DominantShareSorter.Consumer {
        final FrameworkView framework;
        final RoleGroup group;
        final long[] allocated;
        final long[] unit;
        int open = -1;
        long openUnits;
        int freshCursor;
        int claimedCursor;

        Client(FrameworkView framework, RoleGroup group, long[] allocated, long[] unit) {
            super(framework.id());
            this.framework = framework;
            this.group = group;
            this.allocated = allocated;
            this.unit = unit;
            group.all.add(this);
        }
    }
}
