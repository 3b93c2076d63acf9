package io.mezzo.api.resources;

import io.mezzo.api.v1.Protos.Value;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A set of named items, e.g. {@code zones:{a, b}} or GPU ids. */
public record ItemSet(SortedSet<String> items) implements ResourceValue {
    public ItemSet {
        items = Collections.unmodifiableSortedSet(new TreeSet<>(items));
    }

    public static ItemSet of(Collection<String> items) {
        return new ItemSet(new TreeSet<>(items));
    }

    public static ItemSet of(String... items) {
        return of(java.util.List.of(items));
    }

    @Override
    public Value.Type type() {
        return Value.Type.SET;
    }

    @Override
    public ItemSet plus(ResourceValue other) {
        TreeSet<String> union = new TreeSet<>(items);
        union.addAll(((ItemSet) other).items);
        return new ItemSet(union);
    }

    @Override
    public ItemSet minus(ResourceValue other) {
        TreeSet<String> rest = new TreeSet<>(items);
        rest.removeAll(((ItemSet) other).items);
        return new ItemSet(rest);
    }

    @Override
    public boolean contains(ResourceValue other) {
        return items.containsAll(((ItemSet) other).items);
    }

    @Override
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Mesos' text form, e.g. {@code {a, b}}. */
    @Override
    public String toString() {
        return "{" + String.join(", ", items) + "}";
    }
}
