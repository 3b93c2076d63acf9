package io.mezzo.api.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import java.util.Base64;

/**
 * Writes a protobuf message as JSON the way Mesos (stout's {@code jsonify(JSON::Protobuf)})
 * does: proto field names, fields in declaration order, enums by name, bytes in base64, 64-bit
 * integers as bare numbers; set fields, plus unset optional fields with an explicit non-deprecated
 * default (clients rely on e.g. {@code "shell": true}); repeated fields only when non-empty.
 */
final class ProtobufJsonWriter {
    private static final String HEX = "0123456789ABCDEF";

    private ProtobufJsonWriter() {}

    static void writeMessage(StringBuilder out, MessageOrBuilder message) {
        out.append('{');
        boolean first = true;
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (!isWritten(message, field)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, field.getName());
            out.append(':');
            if (field.isMapField()) {
                writeMap(out, message, field);
            } else if (field.isRepeated()) {
                writeArray(out, message, field);
            } else {
                writeValue(out, field, message.getField(field));
            }
        }
        out.append('}');
    }

    private static boolean isWritten(MessageOrBuilder message, FieldDescriptor field) {
        if (field.isRepeated()) {
            return message.getRepeatedFieldCount(field) > 0;
        }
        return message.hasField(field)
                || (field.hasDefaultValue() && !field.getOptions().getDeprecated());
    }

    private static void writeArray(StringBuilder out, MessageOrBuilder message, FieldDescriptor field) {
        out.append('[');
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            writeValue(out, field, message.getRepeatedField(field, i));
        }
        out.append(']');
    }

    /** A map is a JSON object keyed by the stringified key, as stout writes it. */
    private static void writeMap(StringBuilder out, MessageOrBuilder message, FieldDescriptor field) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        out.append('{');
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            MessageOrBuilder entry = (MessageOrBuilder) message.getRepeatedField(field, i);
            if (i > 0) {
                out.append(',');
            }
            writeString(out, mapKey(keyField, entry.getField(keyField)));
            out.append(':');
            writeValue(out, valueField, entry.getField(valueField));
        }
        out.append('}');
    }

    private static String mapKey(FieldDescriptor keyField, Object key) {
        switch (keyField.getType()) {
            case UINT32:
            case FIXED32:
                return Integer.toUnsignedString((Integer) key);
            case UINT64:
            case FIXED64:
                return Long.toUnsignedString((Long) key);
            default:
                return String.valueOf(key);
        }
    }

    private static void writeValue(StringBuilder out, FieldDescriptor field, Object value) {
        switch (field.getType()) {
            case DOUBLE:
                JsonDoubleFormat.append(out, (Double) value);
                break;
            case FLOAT:
                JsonDoubleFormat.append(out, ((Float) value).doubleValue());
                break;
            case INT32:
            case SINT32:
            case SFIXED32:
            case INT64:
            case SINT64:
            case SFIXED64:
                out.append(value);
                break;
            case UINT32:
            case FIXED32:
                out.append(Integer.toUnsignedString((Integer) value));
                break;
            case UINT64:
            case FIXED64:
                out.append(Long.toUnsignedString((Long) value));
                break;
            case BOOL:
                out.append(((Boolean) value).booleanValue());
                break;
            case STRING:
                writeString(out, (String) value);
                break;
            case BYTES:
                out.append('"').append(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()))
                        .append('"');
                break;
            case ENUM:
                writeString(out, ((EnumValueDescriptor) value).getName());
                break;
            case MESSAGE:
                writeMessage(out, (MessageOrBuilder) value);
                break;
            default:
                // Groups are deprecated proto2 syntax; none of our protos use them.
                throw new IllegalArgumentException("Unsupported field type " + field.getType()
                        + " of " + field.getFullName());
        }
    }

    /** Escapes as rapidjson does: quote, backslash and control characters only; UTF-8 passes. */
    static void writeString(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        int plainFrom = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        out.append(value, plainFrom, length);
        out.append('"');
    }
}
