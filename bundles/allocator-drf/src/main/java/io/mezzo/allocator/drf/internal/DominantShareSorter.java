package io.mezzo.allocator.drf.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps consumers (roles, or the frameworks of one role) ordered by dominant share, the seam Mesos
 * calls a sorter: it knows nothing of agents or offers. The order is lowest share first, then
 * fewer allocations, then name, so it is total and a round is deterministic. An indexed binary heap:
 * after a grant changes one consumer's share, {@link #changed} moves just that consumer in
 * O(log n) instead of re-sorting everybody.
 */
final class DominantShareSorter<T extends DominantShareSorter.Consumer> {

    /** Something with a share: the sorter reads these fields and owns {@code position}. */
    abstract static class Consumer {
        final String name;
        double share;
        long allocations;
        int position = -1;
        // the consumer's place in name order, set before sorting: with many equal shares (an empty
        // cluster) most comparisons fall through to the name, and an int compares faster than a String
        int nameRank;

        Consumer(String name) {
            this.name = name;
        }

        boolean before(Consumer other) {
            if (share != other.share) {
                return share < other.share;
            }
            if (allocations != other.allocations) {
                return allocations < other.allocations;
            }
            return nameRank < other.nameRank;
        }
    }

    private final List<T> heap = new ArrayList<>();

    /** Numbers {@code consumers} in name order; call before adding them. */
    static void rankByName(List<? extends Consumer> consumers) {
        List<? extends Consumer> sorted = new ArrayList<>(consumers);
        sorted.sort((a, b) -> a.name.compareTo(b.name));
        for (int i = 0; i < sorted.size(); i++) {
            sorted.get(i).nameRank = i;
        }
    }

    void add(T consumer) {
        consumer.position = heap.size();
        heap.add(consumer);
        up(consumer.position);
    }

    /** The consumer to serve next, or {@code null}. */
    T lowest() {
        return heap.isEmpty() ? null : heap.get(0);
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }

    int size() {
        return heap.size();
    }

    /** Re-orders {@code consumer} after its share or allocation count changed. */
    void changed(T consumer) {
        up(consumer.position);
        down(consumer.position);
    }

    void remove(T consumer) {
        int at = consumer.position;
        T last = heap.remove(heap.size() - 1);
        consumer.position = -1;
        if (last != consumer) {
            heap.set(at, last);
            last.position = at;
            up(at);
            down(last.position);
        }
    }

    private void up(int at) {
        T moving = heap.get(at);
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            T above = heap.get(parent);
            if (!moving.before(above)) {
                break;
            }
            heap.set(at, above);
            above.position = at;
            at = parent;
        }
        heap.set(at, moving);
        moving.position = at;
    }

    private void down(int at) {
        T moving = heap.get(at);
        int size = heap.size();
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap.get(child + 1).before(heap.get(child))) {
                child++;
            }
            T below = heap.get(child);
            if (!below.before(moving)) {
                break;
            }
            heap.set(at, below);
            below.position = at;
            at = child;
        }
        heap.set(at, moving);
        moving.position = at;
    }
}
