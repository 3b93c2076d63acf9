package io.mezzo.api.resources;

import io.mezzo.api.v1.Protos.Value;

/**
 * The quantity of one named resource. Values combine only with values of the same kind; the
 * {@link Resources} container guarantees that before calling these.
 */
public sealed interface ResourceValue permits Scalar, Ranges, ItemSet {

    /** The Mesos value type this kind maps to. */
    Value.Type type();

    /** The union or sum of both values. */
    ResourceValue plus(ResourceValue other);

    /** What is left after taking {@code other} away; never below zero or empty. */
    ResourceValue minus(ResourceValue other);

    /** True if {@code other} can be taken from this value in full. */
    boolean contains(ResourceValue other);

    /** True for a zero (or negative) scalar, no ranges, no items. */
    boolean isEmpty();
}
