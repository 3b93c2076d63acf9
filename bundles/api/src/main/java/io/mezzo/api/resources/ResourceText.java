package io.mezzo.api.resources;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parser for Mesos' resource text: {@code name[(role)]:value} separated by {@code ;}. */
final class ResourceText {
    private ResourceText() {}

    static Resources parse(String text, String defaultRole) {
        Resources result = Resources.empty();
        for (String token : text.split(";")) {
            String compact = token.replaceAll("\\s", "");
            if (!compact.isEmpty()) {
                result = result.plus(parseOne(compact, defaultRole));
            }
        }
        return result;
    }

    private static Resources parseOne(String token, String defaultRole) {
        int colon = token.indexOf(':');
        if (colon < 0) {
            throw invalid(token, "expected name:value");
        }
        ResourceKey key = parseKey(token, token.substring(0, colon), defaultRole);
        String value = token.substring(colon + 1);
        try {
            return Resources.of(key, parseValue(value));
        } catch (InvalidResourceException e) {
            throw invalid(token, e.getMessage());
        }
    }

    private static ResourceKey parseKey(String token, String nameAndRole, String defaultRole) {
        int open = nameAndRole.indexOf('(');
        if (open < 0) {
            if (nameAndRole.isEmpty()) {
                throw invalid(token, "resource name must not be empty");
            }
            return new ResourceKey(nameAndRole, defaultRole);
        }
        if (!nameAndRole.endsWith(")") || open == 0 || open == nameAndRole.length() - 2) {
            throw invalid(token, "expected name(role)");
        }
        return new ResourceKey(nameAndRole.substring(0, open), nameAndRole.substring(open + 1, nameAndRole.length() - 1));
    }

    private static ResourceValue parseValue(String value) {
        if (value.startsWith("[")) {
            return parseRanges(value);
        }
        if (value.startsWith("{")) {
            return parseItems(value);
        }
        try {
            return Scalar.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new InvalidResourceException("'" + value + "' is not a number, [ranges] or {set}");
        }
    }

    private static Ranges parseRanges(String value) {
        if (!value.endsWith("]")) {
            throw new InvalidResourceException("mismatched brackets in '" + value + "'");
        }
        String body = value.substring(1, value.length() - 1);
        List<Range> ranges = new ArrayList<>();
        for (String part : body.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-', 1);
            if (dash < 0) {
                throw new InvalidResourceException("expected begin-end, got '" + part + "'");
            }
            ranges.add(new Range(parseBound(part.substring(0, dash)), parseBound(part.substring(dash + 1))));
        }
        return Ranges.ofDisjoint(ranges);
    }

    private static long parseBound(String bound) {
        try {
            return Long.parseLong(bound);
        } catch (NumberFormatException e) {
            throw new InvalidResourceException("'" + bound + "' is not a range bound");
        }
    }

    private static ItemSet parseItems(String value) {
        if (!value.endsWith("}")) {
            throw new InvalidResourceException("mismatched brackets in '" + value + "'");
        }
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.substring(1, value.length() - 1).split(",")) {
            if (!item.isEmpty() && !items.add(item)) {
                throw new InvalidResourceException("duplicate item '" + item + "'");
            }
        }
        return ItemSet.of(items);
    }

    private static InvalidResourceException invalid(String token, String reason) {
        return new InvalidResourceException("Invalid resource '" + token + "': " + reason);
    }
}
