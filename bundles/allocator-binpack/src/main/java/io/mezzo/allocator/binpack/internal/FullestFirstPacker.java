package io.mezzo.allocator.binpack.internal;

import io.mezzo.api.allocation.AgentView;
import io.mezzo.api.allocation.AllocationView;
import io.mezzo.api.allocation.DominantShare;
import io.mezzo.api.allocation.FrameworkView;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import io.mezzo.api.allocation.RoleView;
import io.mezzo.api.allocation.SlotSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One round of bin packing: each framework (in each of its roles) is offered one agent per round,
 * the fullest one it can use, so load piles onto agents already in use and empty agents stay
 * whole for work that needs a whole machine. Frameworks are served lowest dominant share first, so
 * nobody is starved of the good (full) agents, but there is no further fairness: that is DRF's job.
 *
 * <p>A framework that told us its task shape is offered as many whole tasks as fit; the rest of
 * the agent stays on the list, fuller than before, for the next framework. Otherwise it is offered
 * everything the agent has free. One agent per framework per round means a framework that needs
 * more machines gets them one allocation interval at a time; that is the price of packing.
 */
final class FullestFirstPacker {

    private FullestFirstPacker() {
    }

    static List<Grant> allocate(AllocationView view) {
        if (view.total().isEmpty() || view.offerableAgents().isEmpty()) {
            return List.of();
        }
        List<Grant> grants = new ArrayList<>();
        List<Bin> bins = fullestFirst(view);
        List<Client> clients = lowestShareFirst(view);
        offerReservations(view, clients, grants);
        if (bins.isEmpty()) {
            return grants;
        }
        for (Client client : clients) {
            for (Bin bin : bins) {
                Quantities offer = client.offerFrom(bin, view);
                if (offer != null) {
                    bin.free = bin.free.minus(offer);
                    grants.add(new Grant(client.framework.id(), bin.agent.id(), client.role, offer, false));
                    break;
                }
            }
            bins.removeIf(bin -> !view.offerMinimum().isMetBy(bin.free));
        }
        return grants;
    }

    /** Agents someone may take, fullest (largest used fraction of their own total) first, then by id. */
    private static List<Bin> fullestFirst(AllocationView view) {
        SlotSet wanting = view.wanting();
        List<Bin> bins = new ArrayList<>();
        SlotSet offerable = view.offerableAgents();
        for (int slot = offerable.next(0); slot >= 0; slot = offerable.next(slot + 1)) {
            AgentView agent = view.agent(slot);
            if (!view.offerMinimum().isMetBy(agent.free()) || !someoneMayTake(wanting, agent.refusers())) {
                continue;
            }
            Quantities used = agent.total().minus(agent.free());
            for (Quantities reservedFree : agent.reservedFree().values()) {
                used = used.minus(reservedFree);
            }
            bins.add(new Bin(agent, DominantShare.of(used, agent.total())));
        }
        bins.sort(Comparator.comparingDouble((Bin bin) -> -bin.fullness).thenComparing(bin -> bin.agent.id()));
        return bins;
    }

    private static boolean someoneMayTake(SlotSet wanting, SlotSet refusers) {
        for (int w = 0; w < wanting.words(); w++) {
            if ((wanting.word(w) & ~refusers.word(w)) != 0) {
                return true;
            }
        }
        return false;
    }

    private static List<Client> lowestShareFirst(AllocationView view) {
        List<Client> clients = new ArrayList<>();
        for (RoleView role : view.roles()) {
            SlotSet wanting = role.wanting();
            for (int slot = wanting.next(0); slot >= 0; slot = wanting.next(slot + 1)) {
                FrameworkView framework = view.framework(slot);
                Quantities held = Quantities.EMPTY;
                for (String r : framework.roles()) {
                    held = held.plus(framework.allocated(r));
                }
                clients.add(new Client(framework, role.name(), DominantShare.of(held, view.total())));
            }
        }
        clients.sort(Comparator.comparingDouble((Client c) -> c.share)
                .thenComparingLong(c -> c.framework.allocations())
                .thenComparing(c -> c.framework.id())
                .thenComparing(c -> c.role));
        return clients;
    }

    /** Reserved resources go whole to the first framework of their role (in share order) that does not refuse the agent. */
    private static void offerReservations(AllocationView view, List<Client> clients, List<Grant> grants) {
        SlotSet offerable = view.offerableAgents();
        for (int slot = offerable.next(0); slot >= 0; slot = offerable.next(slot + 1)) {
            AgentView agent = view.agent(slot);
            for (Map.Entry<String, Quantities> reservation : agent.reservedFree().entrySet()) {
                if (!view.offerMinimum().isMetBy(reservation.getValue())) {
                    continue;
                }
                for (Client client : clients) {
                    if (client.role.equals(reservation.getKey()) && !agent.refusers().contains(client.framework.slot())) {
                        grants.add(new Grant(client.framework.id(), agent.id(), client.role, reservation.getValue(), true));
                        break;
                    }
                }
            }
        }
    }

    private static final class Bin {
        final AgentView agent;
        final double fullness;
        Quantities free;

        Bin(AgentView agent, double fullness) {
            this.agent = agent;
            this.fullness = fullness;
            this.free = agent.free();
        }
    }

    private record Client(FrameworkView framework, String role, double share) {

        /** What this client would be offered of {@code bin}, or {@code null} if it cannot use it. */
        Quantities offerFrom(Bin bin, AllocationView view) {
            if (bin.agent.refusers().contains(framework.slot()) || !view.offerMinimum().isMetBy(bin.free)) {
                return null;
            }
            Quantities shape = framework.taskShape();
            if (shape.isEmpty()) {
                return bin.free;
            }
            long tasks = bin.free.fits(shape);
            if (tasks == 0) {
                return null;
            }
            Quantities offer = shape.times(tasks);
            return view.offerMinimum().isMetBy(offer) ? offer : null;
        }
    }
}
