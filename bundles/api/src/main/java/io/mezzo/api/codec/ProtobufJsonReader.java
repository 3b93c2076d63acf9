package io.mezzo.api.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Reads JSON into a protobuf builder with the rules of Mesos' stout {@code protobuf::parse}:
 * fields by proto name, unknown names ignored, {@code null} leaves a field unset, enums by name
 * (an unknown name is dropped unless the field is required), bytes in base64, numbers also
 * accepted as strings ({@code "Infinity"} included), a scalar accepted for a repeated field as a
 * one-element list. Required fields are checked by the caller once the whole object is read.
 *
 * <p>Deviation from stout, on purpose: an integer out of its field's range is rejected instead of
 * being wrapped by a C++ cast.
 */
final class ProtobufJsonReader {
    private static final BigInteger MIN_INT32 = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger MAX_INT32 = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger MAX_UINT32 = BigInteger.valueOf(0xffffffffL);
    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);

    private final JsonScanner json;

    ProtobufJsonReader(JsonScanner json) {
        this.json = json;
    }

    void readObject(Message.Builder builder, int depth) throws CodecException {
        json.checkDepth(depth);
        json.expect('{');
        if (json.consume('}')) {
            return;
        }
        do {
            String name = json.readString();
            json.expect(':');
            FieldDescriptor field = builder.getDescriptorForType().findFieldByName(name);
            if (field == null) {
                json.skipValue(depth + 1);
            } else {
                readField(builder, field, depth + 1);
            }
        } while (json.consume(','));
        json.expect('}');
    }

    private void readField(Message.Builder builder, FieldDescriptor field, int depth)
            throws CodecException {
        json.checkDepth(depth);
        switch (json.peek()) {
            case '{':
                readMessageValue(builder, field, depth);
                break;
            case '[':
                if (!field.isRepeated()) {
                    throw unexpected("array", field);
                }
                json.expect('[');
                if (json.consume(']')) {
                    return;
                }
                do {
                    readField(builder, field, depth + 1);
                } while (json.consume(','));
                json.expect(']');
                break;
            case '"':
                applyString(builder, field, json.readString());
                break;
            case 't':
            case 'f':
                boolean value = json.readBoolean();
                if (field.getType() != FieldDescriptor.Type.BOOL) {
                    throw unexpected("boolean", field);
                }
                put(builder, field, value);
                break;
            case 'n':
                json.readNull(); // null means unset
                break;
            default:
                applyNumber(builder, field, json.readNumber());
        }
    }

    private void readMessageValue(Message.Builder builder, FieldDescriptor field, int depth)
            throws CodecException {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            throw unexpected("object", field);
        }
        if (field.isMapField()) {
            readMap(builder, field, depth);
            return;
        }
        Message.Builder child = builder.newBuilderForField(field);
        if (!field.isRepeated() && builder.hasField(field)) {
            child.mergeFrom((Message) builder.getField(field)); // a repeated key merges, as stout's MutableMessage
        }
        readObject(child, depth);
        put(builder, field, child.buildPartial());
    }

    /** A map is a JSON object; each key is converted like a JSON string for the key field. */
    private void readMap(Message.Builder builder, FieldDescriptor field, int depth) throws CodecException {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        json.expect('{');
        if (json.consume('}')) {
            return;
        }
        do {
            Message.Builder entry = builder.newBuilderForField(field);
            applyString(entry, keyField, json.readString());
            json.expect(':');
            readField(entry, valueField, depth + 1);
            builder.addRepeatedField(field, entry.buildPartial());
        } while (json.consume(','));
        json.expect('}');
    }

    private void applyString(Message.Builder builder, FieldDescriptor field, String value)
            throws CodecException {
        switch (field.getType()) {
            case STRING:
                put(builder, field, value);
                break;
            case BYTES:
                put(builder, field, decodeBase64(field, value));
                break;
            case ENUM:
                EnumValueDescriptor constant = field.getEnumType().findValueByName(value);
                if (constant != null) {
                    put(builder, field, constant);
                } else if (field.isRequired()) {
                    throw invalid("Failed to find enum for '" + value + "'");
                }
                // else: dropped, as proto2 drops unknown enum values on the wire
                break;
            case DOUBLE:
            case FLOAT:
                if (value.equals("Infinity") || value.equals("-Infinity")) {
                    applyNumber(builder, field, JsonNumber.parse(value));
                    break;
                }
                applyNumber(builder, field, numberInString(field, value));
                break;
            case BOOL:
                if (!value.equals("true") && !value.equals("false")) {
                    throw invalid("Failed to parse '" + value + "' as a JSON boolean for field '"
                            + field.getName() + "'");
                }
                put(builder, field, Boolean.parseBoolean(value));
                break;
            case MESSAGE:
            case GROUP:
                throw unexpected("string", field);
            default: // the integer types
                applyNumber(builder, field, numberInString(field, value));
        }
    }

    private static JsonNumber numberInString(FieldDescriptor field, String value) throws CodecException {
        String trimmed = value.strip();
        if (!JsonNumber.isValid(trimmed)) {
            throw invalid("Failed to parse '" + value + "' as a JSON number for field '"
                    + field.getName() + "'");
        }
        return JsonNumber.parse(trimmed);
    }

    private void applyNumber(Message.Builder builder, FieldDescriptor field, JsonNumber number)
            throws CodecException {
        switch (field.getType()) {
            case DOUBLE:
                put(builder, field, number.asDouble());
                break;
            case FLOAT:
                put(builder, field, (float) number.asDouble());
                break;
            case INT32:
            case SINT32:
            case SFIXED32:
                put(builder, field, integer(field, number, MIN_INT32, MAX_INT32).intValue());
                break;
            case UINT32:
            case FIXED32:
                put(builder, field, integer(field, number, BigInteger.ZERO, MAX_UINT32).intValue());
                break;
            case INT64:
            case SINT64:
            case SFIXED64:
                put(builder, field, integer(field, number, MIN_INT64, MAX_INT64).longValue());
                break;
            case UINT64:
            case FIXED64:
                put(builder, field, integer(field, number, BigInteger.ZERO, JsonNumber.maxUint64()).longValue());
                break;
            default:
                throw unexpected("number", field);
        }
    }

    private static BigInteger integer(FieldDescriptor field, JsonNumber number, BigInteger min, BigInteger max)
            throws CodecException {
        BigInteger value = number.asInteger(min, max);
        if (value == null) {
            throw invalid("Value " + number.text() + " is out of range for field '" + field.getName() + "'");
        }
        return value;
    }

    private static ByteString decodeBase64(FieldDescriptor field, String value) throws CodecException {
        try {
            // stout skips whitespace inside base64 and does not require padding; neither do we.
            String compact = value.indexOf(' ') < 0 && value.indexOf('\n') < 0
                    ? value : value.replaceAll("\\s", "");
            return ByteString.copyFrom(Base64.getDecoder().decode(compact));
        } catch (IllegalArgumentException e) {
            throw invalid("Failed to base64 decode bytes field '" + field.getName() + "': " + e.getMessage());
        }
    }

    private static void put(Message.Builder builder, FieldDescriptor field, Object value) {
        if (field.isRepeated()) {
            builder.addRepeatedField(field, value);
        } else {
            builder.setField(field, value);
        }
    }

    private static CodecException unexpected(String jsonType, FieldDescriptor field) {
        return invalid("Not expecting a JSON " + jsonType + " for field '" + field.getName() + "'");
    }

    private static CodecException invalid(String reason) {
        return new CodecException(CodecException.Kind.INVALID_MESSAGE, reason);
    }
}
