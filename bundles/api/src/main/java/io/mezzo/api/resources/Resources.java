package io.mezzo.api.resources;

import io.mezzo.api.v1.Protos.Resource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An immutable bag of resources: for each (name, role) one scalar, range set or item set.
 * Empty quantities are dropped, so {@code a.plus(b).minus(b).equals(a)} and {@code isEmpty()}
 * means "nothing at all". A name has one kind of value throughout ({@code cpus} cannot be a
 * scalar under one role and ranges under another).
 *
 * <p>Only name, role (reservation) and value are modelled; allocation info, disk info,
 * revocability and sharing of the protos are not carried through.
 */
public final class Resources {
    private static final Resources EMPTY = new Resources(Map.of());

    /** Never changed after construction and never handed out unwrapped (see {@link #asMap}). */
    private final Map<ResourceKey, ResourceValue> entries;

    private Resources(Map<ResourceKey, ResourceValue> entries) {
        this.entries = entries;
    }

    public static Resources empty() {
        return EMPTY;
    }

    /** One quantity of one resource (empty if the value is empty). */
    public static Resources of(ResourceKey key, ResourceValue value) {
        return value.isEmpty() ? EMPTY : new Resources(Map.of(key, value));
    }

    /** One quantity of an unreserved resource, e.g. {@code of("cpus", Scalar.of(2))}. */
    public static Resources of(String name, ResourceValue value) {
        return of(ResourceKey.unreserved(name), value);
    }

    /**
     * Parses Mesos' text form, e.g. {@code cpus:4;mem:4096;ports:[31000-32000];disk(role1):100;zones:{a,b}};
     * resources without a role are unreserved.
     *
     * @throws InvalidResourceException with a reason naming the offending resource
     */
    public static Resources parse(String text) {
        return ResourceText.parse(text, ResourceKey.UNRESERVED);
    }

    /** As {@link #parse(String)}, giving resources without an explicit role {@code defaultRole}. */
    public static Resources parse(String text, String defaultRole) {
        return ResourceText.parse(text, defaultRole);
    }

    /**
     * Converts protos, validating each one as Mesos does.
     *
     * @throws InvalidResourceException on the first invalid resource
     */
    public static Resources fromProtos(Iterable<Resource> resources) {
        return ResourceProtos.fromProtos(resources);
    }

    /** Why {@code resources} are invalid, or empty if they are valid. */
    public static Optional<String> validate(Iterable<Resource> resources) {
        try {
            fromProtos(resources);
            return Optional.empty();
        } catch (InvalidResourceException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** These resources as v1 protos, reserved ones in the pre-refinement form ({@code role} set). */
    public List<Resource> toProtos() {
        return ResourceProtos.toProtos(this);
    }

    /** The sum (scalars) and union (ranges, sets) of both. */
    public Resources plus(Resources other) {
        if (other.isEmpty()) {
            return this;
        }
        Map<ResourceKey, ResourceValue> sum = new LinkedHashMap<>(entries);
        for (Map.Entry<ResourceKey, ResourceValue> entry : other.entries.entrySet()) {
            requireSameKind(entry.getKey(), entry.getValue());
            sum.merge(entry.getKey(), entry.getValue(), ResourceValue::plus);
        }
        return new Resources(sum);
    }

    /**
     * What is left after taking {@code other} away. Taking more than there is leaves nothing of
     * that resource rather than a negative amount; use {@link #contains} to check first.
     */
    public Resources minus(Resources other) {
        if (other.isEmpty()) {
            return this;
        }
        Map<ResourceKey, ResourceValue> rest = new LinkedHashMap<>(entries);
        for (Map.Entry<ResourceKey, ResourceValue> entry : other.entries.entrySet()) {
            ResourceValue mine = rest.get(entry.getKey());
            if (mine != null && mine.type() == entry.getValue().type()) {
                ResourceValue left = mine.minus(entry.getValue());
                if (left.isEmpty()) {
                    rest.remove(entry.getKey());
                } else {
                    rest.put(entry.getKey(), left);
                }
            }
        }
        return new Resources(rest);
    }

    /** True if every quantity of {@code other} is available here under the same role. */
    public boolean contains(Resources other) {
        for (Map.Entry<ResourceKey, ResourceValue> entry : other.entries.entrySet()) {
            ResourceValue mine = entries.get(entry.getKey());
            if (mine == null || mine.type() != entry.getValue().type() || !mine.contains(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The quantity under exactly this key, if any. */
    public Optional<ResourceValue> get(ResourceKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Every (name, role) and its quantity, in the order first added. */
    public Map<ResourceKey, ResourceValue> asMap() {
        return Collections.unmodifiableMap(entries);
    }

    /** The names present, in the order first added. */
    public Set<String> names() {
        return entries.keySet().stream().map(ResourceKey::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The total of scalar {@code name} over all roles (zero if absent or not a scalar). */
    public Scalar scalarSum(String name) {
        long sum = 0;
        for (Map.Entry<ResourceKey, ResourceValue> entry : entries.entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getValue() instanceof Scalar) {
                sum = Math.addExact(sum, ((Scalar) entry.getValue()).thousandths());
            }
        }
        return new Scalar(sum);
    }

    /** The union of ranges {@code name} over all roles (none if absent or not ranges). */
    public Ranges rangesOf(String name) {
        Ranges union = Ranges.none();
        for (Map.Entry<ResourceKey, ResourceValue> entry : entries.entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getValue() instanceof Ranges) {
                union = union.plus(entry.getValue());
            }
        }
        return union;
    }

    /** The union of item set {@code name} over all roles (empty if absent or not a set). */
    public ItemSet itemsOf(String name) {
        ItemSet union = ItemSet.of();
        for (Map.Entry<ResourceKey, ResourceValue> entry : entries.entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getValue() instanceof ItemSet) {
                union = union.plus(entry.getValue());
            }
        }
        return union;
    }

    /** Only the unreserved resources. */
    public Resources unreserved() {
        return filter(key -> !key.isReserved());
    }

    /** Only the resources reserved to {@code role}. */
    public Resources reservedTo(String role) {
        return filter(key -> key.isReserved() && key.role().equals(role));
    }

    /** What a framework in {@code role} may use: unreserved plus reserved to that role. */
    public Resources allocatableTo(String role) {
        return filter(key -> !key.isReserved() || key.role().equals(role));
    }

    private Resources filter(Predicate<ResourceKey> keep) {
        Map<ResourceKey, ResourceValue> kept = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (keep.test(key)) {
                kept.put(key, value);
            }
        });
        return kept.size() == entries.size() ? this : new Resources(kept);
    }

    private void requireSameKind(ResourceKey key, ResourceValue value) {
        for (Map.Entry<ResourceKey, ResourceValue> entry : entries.entrySet()) {
            if (entry.getKey().name().equals(key.name()) && entry.getValue().type() != value.type()) {
                throw new InvalidResourceException("resource '" + key.name() + "' is both "
                        + entry.getValue().type() + " and " + value.type());
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Resources && ((Resources) other).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(entries);
    }

    /** Mesos' text form, e.g. {@code cpus:4;ports:[31000-32000];disk(role1):100}; parseable. */
    @Override
    public String toString() {
        return entries.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(";"));
    }
}
