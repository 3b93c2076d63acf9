package io.mezzo.agent.internal.resources;

import io.mezzo.api.v1.Protos.Attribute;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Mesos' text form of resources and attributes: {@code cpus:4;mem:4096;ports:[31000-32000];
 * gpus_kinds:{a,b}} and {@code rack:r1;zone:a}. Scalars, ranges and sets; every resource is
 * unreserved (role {@code *}).
 */
public final class ResourceText {

    private ResourceText() {
    }

    public static List<Resource> parseResources(String text) {
        List<Resource> resources = new ArrayList<>();
        for (String[] pair : pairs(text, "resources")) {
            Resource.Builder resource = Resource.newBuilder().setName(pair[0]);
            Value value = parseValue(pair[1], pair[0]);
            if (value.getType() == Value.Type.TEXT) {
                throw new IllegalArgumentException("resource " + pair[0] + " needs a number, [ranges] or {set}: "
                        + pair[1]);
            }
            resource.setType(value.getType());
            switch (value.getType()) {
                case SCALAR -> resource.setScalar(value.getScalar());
                case RANGES -> resource.setRanges(value.getRanges());
                default -> resource.setSet(value.getSet());
            }
            resources.add(resource.build());
        }
        return resources;
    }

    public static List<Attribute> parseAttributes(String text) {
        List<Attribute> attributes = new ArrayList<>();
        for (String[] pair : pairs(text, "attributes")) {
            Value value = parseValue(pair[1], pair[0]);
            Attribute.Builder attribute = Attribute.newBuilder().setName(pair[0]).setType(value.getType());
            switch (value.getType()) {
                case SCALAR -> attribute.setScalar(value.getScalar());
                case RANGES -> attribute.setRanges(value.getRanges());
                case SET -> attribute.setSet(value.getSet());
                default -> attribute.setText(value.getText());
            }
            attributes.add(attribute.build());
        }
        return attributes;
    }

    /** Adds up resources of the same name: scalars summed, ranges and set items concatenated. */
    public static List<Resource> sum(List<Resource> resources) {
        java.util.Map<String, Resource.Builder> byName = new java.util.LinkedHashMap<>();
        for (Resource resource : resources) {
            Resource.Builder total = byName.get(resource.getName());
            if (total == null) {
                byName.put(resource.getName(), resource.toBuilder());
            } else if (resource.getType() == Value.Type.SCALAR) {
                total.setScalar(Value.Scalar.newBuilder()
                        .setValue(total.getScalar().getValue() + resource.getScalar().getValue()));
            } else if (resource.getType() == Value.Type.RANGES) {
                total.getRangesBuilder().addAllRange(resource.getRanges().getRangeList());
            } else {
                total.getSetBuilder().addAllItem(resource.getSet().getItemList());
            }
        }
        return byName.values().stream().map(Resource.Builder::build).collect(Collectors.toList());
    }

    /** The text form again, e.g. {@code cpus:4;mem:4096;ports:[31000-32000]}. */
    public static String format(List<Resource> resources) {
        return resources.stream().map(r -> r.getName() + ":" + formatValue(r)).collect(Collectors.joining(";"));
    }

    private static String formatValue(Resource resource) {
        switch (resource.getType()) {
            case SCALAR: {
                double v = resource.getScalar().getValue();
                return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
            }
            case RANGES:
                return resource.getRanges().getRangeList().stream()
                        .map(r -> r.getBegin() + "-" + r.getEnd())
                        .collect(Collectors.joining(",", "[", "]"));
            default:
                return String.join(",", resource.getSet().getItemList()).transform(s -> "{" + s + "}");
        }
    }

    private static List<String[]> pairs(String text, String what) {
        List<String[]> pairs = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return pairs;
        }
        for (String item : text.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new IllegalArgumentException("expected name:value in " + what + ", got '" + item.trim() + "'");
            }
            pairs.add(new String[] {item.substring(0, colon).trim(), item.substring(colon + 1).trim()});
        }
        return pairs;
    }

    private static Value parseValue(String text, String name) {
        if (text.startsWith("[") && text.endsWith("]")) {
            Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
            for (String range : text.substring(1, text.length() - 1).split(",")) {
                String[] bounds = range.trim().split("-");
                try {
                    long begin = Long.parseLong(bounds[0].trim());
                    long end = bounds.length > 1 ? Long.parseLong(bounds[1].trim()) : begin;
                    if (bounds.length > 2 || end < begin || begin < 0) {
                        throw new IllegalArgumentException("bad range '" + range + "' for " + name);
                    }
                    ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad range '" + range + "' for " + name, e);
                }
            }
            return Value.newBuilder().setType(Value.Type.RANGES).setRanges(ranges).build();
        }
        if (text.startsWith("{") && text.endsWith("}")) {
            Value.Set.Builder set = Value.Set.newBuilder();
            for (String item : text.substring(1, text.length() - 1).split(",")) {
                if (!item.isBlank()) {
                    set.addItem(item.trim());
                }
            }
            return Value.newBuilder().setType(Value.Type.SET).setSet(set).build();
        }
        try {
            double scalar = Double.parseDouble(text);
            if (scalar < 0 || Double.isNaN(scalar) || Double.isInfinite(scalar)) {
                throw new IllegalArgumentException("negative or non-finite value for " + name + ": " + text);
            }
            return Value.newBuilder().setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(scalar)).build();
        } catch (NumberFormatException e) {
            return Value.newBuilder().setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(text)).build();
        }
    }
}
