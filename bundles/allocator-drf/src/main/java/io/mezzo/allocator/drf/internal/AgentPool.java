package io.mezzo.allocator.drf.internal;

import io.mezzo.api.allocation.AgentView;
import io.mezzo.api.allocation.AllocationView;
import io.mezzo.api.allocation.OfferMinimum;
import io.mezzo.api.allocation.Quantities;
import io.mezzo.api.allocation.SlotSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The unreserved resources one round may hand out: only agents whose free part is worth offering
 * and that at least one framework wanting offers does not refuse. The view keeps the set of such
 * agents up to date ({@link AllocationView#offerableAgents()}), so in the Mesos DeclineOffers shape,
 * where everybody refuses everything, the pool is empty and the round ends without looking at a
 * single agent or framework.
 *
 * <p>Agents are <em>fresh</em> (untouched this round, found through a skip list so claimed ones
 * cost nothing) or <em>claimed</em> (some framework started on them; listed in claim order so
 * others can share what is left). Remaining amounts live in one flat {@code long[]} of
 * {@link Columns}.
 */
final class AgentPool {

    private final AllocationView view;
    private final Columns columns;
    private final int width;
    private final int[] slots;
    private final long[] remaining;
    private final int[] nextFresh;
    private final List<long[]> minimum = new ArrayList<>();
    private final boolean anythingIsEnough;
    private int[] claimed = new int[16];
    // skip list over claimed positions: exhausted agents are linked past, once for everybody
    private int[] claimedSkip = new int[17];
    private int claimedCount;

    private AgentPool(AllocationView view, Columns columns, int[] slots) {
        this.view = view;
        this.columns = columns;
        this.width = columns.width();
        this.slots = slots;
        this.remaining = new long[slots.length * width];
        this.nextFresh = new int[slots.length + 1];
        for (int i = 0; i < slots.length; i++) {
            columns.write(view.agent(slots[i]).free(), remaining, i * width);
            nextFresh[i] = i;
        }
        nextFresh[slots.length] = slots.length;
        OfferMinimum offerMinimum = view.offerMinimum();
        for (Quantities alternative : offerMinimum.alternatives()) {
            long[] v = columns.vector(alternative);
            if (v != null) {
                minimum.add(v);
            }
        }
        anythingIsEnough = offerMinimum.alternatives().isEmpty();
    }

    /** The agents of {@code view}, in slot order, whose unreserved free part someone could be offered. */
    static AgentPool of(AllocationView view, Columns columns) {
        SlotSet wanting = view.wanting();
        int words = wanting.words();
        int[] slots = new int[16];
        int count = 0;
        SlotSet offerable = view.offerableAgents();
        for (int slot = offerable.next(0); slot >= 0; slot = offerable.next(slot + 1)) {
            AgentView agent = view.agent(slot);
            // offerable may be for a reservation only: check the unreserved part
            if (agent.free().isEmpty() || !someoneMayTake(wanting, words, agent.refusers())) {
                continue;
            }
            if (!view.offerMinimum().isMetBy(agent.free())) {
                continue;
            }
            if (count == slots.length) {
                slots = Arrays.copyOf(slots, count * 2);
            }
            slots[count++] = slot;
        }
        return new AgentPool(view, columns, Arrays.copyOf(slots, count));
    }

    static boolean someoneMayTake(SlotSet wanting, int words, SlotSet refusers) {
        for (int w = 0; w < words; w++) {
            if ((wanting.word(w) & ~refusers.word(w)) != 0) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return slots.length;
    }

    AgentView agent(int i) {
        return view.agent(slots[i]);
    }

    boolean refusedBy(int i, int frameworkSlot) {
        return agent(i).refusers().contains(frameworkSlot);
    }

    /** Takes agent {@code i} out of the fresh agents and lists it as claimed. */
    void claim(int i) {
        nextFresh[i] = i + 1;
        if (claimedCount == claimed.length) {
            claimed = Arrays.copyOf(claimed, claimedCount * 2);
            claimedSkip = Arrays.copyOf(claimedSkip, claimedCount * 2 + 1);
        }
        claimed[claimedCount++] = i;
        claimedSkip[claimedCount] = claimedCount;
    }

    int claimedCount() {
        return claimedCount;
    }

    /** The position of the first claimed agent at or after position {@code from} that is not exhausted. */
    int nextLiveClaimed(int from) {
        while (true) {
            int k = find(claimedSkip, from);
            if (k == claimedCount || meetsMinimum(claimed[k])) {
                return k;
            }
            claimedSkip[k] = k + 1; // exhausted for good: amounts only shrink within a round
            from = k + 1;
        }
    }

    int claimed(int k) {
        return claimed[k];
    }

    /** The first fresh agent at or after {@code from}, or {@link #size()}. */
    int nextFresh(int from) {
        return find(nextFresh, from);
    }

    private static int find(int[] links, int from) {
        int root = from;
        while (links[root] != root) {
            root = links[root];
        }
        // path compression: later searches from here jump straight to the root
        while (links[from] != root) {
            int next = links[from];
            links[from] = root;
            from = next;
        }
        return root;
    }

    boolean fits(int i, long[] unit) {
        int base = i * width;
        for (int c = 0; c < width; c++) {
            if (remaining[base + c] < unit[c]) {
                return false;
            }
        }
        return true;
    }

    /** How many copies of {@code unit} fit in agent {@code i}. */
    long copiesFitting(int i, long[] unit) {
        int base = i * width;
        long copies = Long.MAX_VALUE;
        for (int c = 0; c < width; c++) {
            if (unit[c] > 0) {
                copies = Math.min(copies, remaining[base + c] / unit[c]);
            }
        }
        return copies;
    }

    void take(int i, long[] unit, long copies) {
        int base = i * width;
        for (int c = 0; c < width; c++) {
            remaining[base + c] -= unit[c] * copies;
        }
    }

    /** Takes everything agent {@code i} has left, adding it to {@code into}; returns it as quantities. */
    Quantities takeAll(int i, long[] into) {
        int base = i * width;
        Quantities all = columns.quantities(remaining, base);
        for (int c = 0; c < width; c++) {
            into[c] += remaining[base + c];
            remaining[base + c] = 0;
        }
        return all;
    }

    boolean meetsMinimum(int i) {
        int base = i * width;
        if (anythingIsEnough) {
            for (int c = 0; c < width; c++) {
                if (remaining[base + c] > 0) {
                    return true;
                }
            }
            return false;
        }
        for (long[] alternative : minimum) {
            boolean contained = true;
            for (int c = 0; c < width && contained; c++) {
                contained = remaining[base + c] >= alternative[c];
            }
            if (contained) {
                return true;
            }
        }
        return false;
    }
}
