package io.mezzo.agent.internal.resources;

import io.mezzo.api.v1.Protos.Attribute;
import io.mezzo.api.v1.Protos.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesos' text form of agent attributes: {@code rack:r1;zone:a;level:3;ports:[1-2];tags:{x,y}}.
 * Values that are numbers become scalars, {@code [..]} ranges, {@code {..}} sets, the rest text.
 */
public final class AttributeText {

    private AttributeText() {
    }

    public static List<Attribute> parse(String text) {
        List<Attribute> attributes = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return attributes;
        }
        for (String item : text.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new IllegalArgumentException("expected name:value in attributes, got '" + item.trim() + "'");
            }
            attributes.add(attribute(item.substring(0, colon).trim(), item.substring(colon + 1).trim()));
        }
        return attributes;
    }

    private static Attribute attribute(String name, String value) {
        Attribute.Builder attribute = Attribute.newBuilder().setName(name);
        if (value.startsWith("[") && value.endsWith("]")) {
            Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
            for (String range : value.substring(1, value.length() - 1).split(",")) {
                String[] bounds = range.trim().split("-");
                try {
                    long begin = Long.parseLong(bounds[0].trim());
                    long end = bounds.length > 1 ? Long.parseLong(bounds[1].trim()) : begin;
                    ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad range '" + range + "' in attribute " + name, e);
                }
            }
            return attribute.setType(Value.Type.RANGES).setRanges(ranges).build();
        }
        if (value.startsWith("{") && value.endsWith("}")) {
            Value.Set.Builder set = Value.Set.newBuilder();
            for (String item : value.substring(1, value.length() - 1).split(",")) {
                if (!item.isBlank()) {
                    set.addItem(item.trim());
                }
            }
            return attribute.setType(Value.Type.SET).setSet(set).build();
        }
        try {
            return attribute.setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(Double.parseDouble(value))).build();
        } catch (NumberFormatException e) {
            return attribute.setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(value)).build();
        }
    }
}
