package io.mezzo.api.resources;

import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conversion between {@link Resources} and v1 {@code Resource} protos, with Mesos' validation. */
final class ResourceProtos {
    private ResourceProtos() {}

    static Resources fromProtos(Iterable<Resource> protos) {
        Resources result = Resources.empty();
        for (Resource proto : protos) {
            try {
                result = result.plus(Resources.of(new ResourceKey(proto.getName(), roleOf(proto)), valueOf(proto)));
            } catch (InvalidResourceException e) {
                throw new InvalidResourceException("Invalid resource '"
                        + (proto.getName().isEmpty() ? "<unnamed>" : proto.getName()) + "': " + e.getMessage());
            }
        }
        return result;
    }

    /**
     * The reservation role: the last (most refined) entry of {@code reservations}, else the
     * deprecated {@code role} field, which defaults to "*".
     */
    private static String roleOf(Resource proto) {
        if (proto.getReservationsCount() == 0) {
            return proto.getRole();
        }
        String role = proto.getReservations(proto.getReservationsCount() - 1).getRole();
        if (role.isEmpty() || role.equals(ResourceKey.UNRESERVED)) {
            throw new InvalidResourceException("a reservation needs a role other than '*'");
        }
        if (proto.hasRole() && !proto.getRole().equals(ResourceKey.UNRESERVED) && !proto.getRole().equals(role)) {
            throw new InvalidResourceException("role '" + proto.getRole() + "' conflicts with reservation role '"
                    + role + "'");
        }
        return role;
    }

    private static ResourceValue valueOf(Resource proto) {
        if (!proto.hasType()) {
            throw new InvalidResourceException("missing type");
        }
        int kinds = (proto.hasScalar() ? 1 : 0) + (proto.hasRanges() ? 1 : 0) + (proto.hasSet() ? 1 : 0);
        if (kinds > 1) {
            throw new InvalidResourceException("more than one of scalar, ranges and set is set");
        }
        switch (proto.getType()) {
            case SCALAR:
                require(proto.hasScalar(), "SCALAR");
                return Scalar.of(proto.getScalar().getValue());
            case RANGES:
                require(proto.hasRanges(), "RANGES");
                List<Range> ranges = new ArrayList<>();
                for (Value.Range range : proto.getRanges().getRangeList()) {
                    ranges.add(new Range(range.getBegin(), range.getEnd()));
                }
                return Ranges.ofDisjoint(ranges);
            case SET:
                require(proto.hasSet(), "SET");
                Set<String> items = new HashSet<>();
                for (String item : proto.getSet().getItemList()) {
                    if (!items.add(item)) {
                        throw new InvalidResourceException("duplicate item '" + item + "'");
                    }
                }
                return ItemSet.of(items);
            default:
                throw new InvalidResourceException("unsupported type " + proto.getType());
        }
    }

    private static void require(boolean present, String type) {
        if (!present) {
            throw new InvalidResourceException("type " + type + " but no " + type.toLowerCase() + " value");
        }
    }

    static List<Resource> toProtos(Resources resources) {
        List<Resource> protos = new ArrayList<>(resources.asMap().size());
        for (Map.Entry<ResourceKey, ResourceValue> entry : resources.asMap().entrySet()) {
            // role set explicitly, even "*", as the Mesos master does for pre-refinement clients
            Resource.Builder proto = Resource.newBuilder().setName(entry.getKey().name())
                    .setRole(entry.getKey().role()).setType(entry.getValue().type());
            ResourceValue value = entry.getValue();
            if (value instanceof Scalar) {
                proto.setScalar(Value.Scalar.newBuilder().setValue(((Scalar) value).value()));
            } else if (value instanceof Ranges) {
                Value.Ranges.Builder ranges = proto.getRangesBuilder();
                for (Range range : ((Ranges) value).ranges()) {
                    ranges.addRange(Value.Range.newBuilder().setBegin(range.begin()).setEnd(range.end()));
                }
            } else {
                proto.setSet(Value.Set.newBuilder().addAllItem(((ItemSet) value).items()));
            }
            protos.add(proto.build());
        }
        return protos;
    }
}
