package io.mezzo.api.resources;

/**
 * What a resource quantity is of: a name and the role it is reserved to ({@value #UNRESERVED}
 * for unreserved). {@code cpus} reserved to {@code web} and unreserved {@code cpus} never merge.
 */
public record ResourceKey(String name, String role) implements Comparable<ResourceKey> {
    /** The role of unreserved resources. */
    public static final String UNRESERVED = "*";

    public ResourceKey {
        if (name == null || name.isEmpty()) {
            throw new InvalidResourceException("resource name must not be empty");
        }
        if (role == null || role.isEmpty()) {
            throw new InvalidResourceException("role of resource '" + name + "' must not be empty");
        }
    }

    public static ResourceKey unreserved(String name) {
        return new ResourceKey(name, UNRESERVED);
    }

    public boolean isReserved() {
        return !UNRESERVED.equals(role);
    }

    @Override
    public int compareTo(ResourceKey other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : role.compareTo(other.role);
    }

    /** Mesos' text form: {@code cpus} or {@code disk(role1)}. */
    @Override
    public String toString() {
        return isReserved() ? name + "(" + role + ")" : name;
    }
}
