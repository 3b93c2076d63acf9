package io.mezzo.master.internal.http;

import com.google.protobuf.MessageOrBuilder;
import io.mezzo.api.codec.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the plain maps and lists of Mesos' v0 JSON endpoints ({@code /master/state},
 * {@code /version}). Protobuf values inside are written by the api bundle's {@link JsonCodec}.
 */
final class JsonText {
    private JsonText() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        try {
            append(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /**
     * Writes {@code value} to {@code out} as it goes: with lazy lists (see
     * {@link io.mezzo.master.internal.core.StateDocument}) a large document never exists whole.
     */
    static void write(Object value, Appendable out) throws IOException {
        append(out, value);
    }

    private static void append(Appendable out, Object value) throws IOException {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "null" : d == Math.rint(d) && Math.abs(d) < 1e15
                    ? String.valueOf(d.longValue()) : java.math.BigDecimal.valueOf(d).toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value.toString());
        } else if (value instanceof MessageOrBuilder m) {
            out.append(JsonCodec.toJson(m));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                append(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object o : list) {
                out.append(first ? "" : ",");
                first = false;
                append(out, o);
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void string(Appendable out, String s) throws IOException {
        out.append('"');
        if (plain(s)) {
            out.append(s).append('"'); // ids, names, states: nothing to escape, one copy
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
