package io.mezzo.api.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

/**
 * Protobuf ↔ JSON exactly as Mesos speaks it on the v1 HTTP APIs (stout's JSON rules), for any
 * message type: snake_case proto field names, enums as names, bytes as base64, int64/uint64 as
 * JSON numbers. See {@link ProtobufJsonWriter} and {@link ProtobufJsonReader} for the details
 * of each direction. Stateless and thread-safe.
 */
public final class JsonCodec {
    private JsonCodec() {}

    /** The JSON text of {@code message}. */
    public static String toJson(MessageOrBuilder message) {
        StringBuilder out = new StringBuilder(256);
        ProtobufJsonWriter.writeMessage(out, message);
        return out.toString();
    }

    /** The UTF-8 JSON encoding of {@code message}. */
    public static byte[] toJsonBytes(MessageOrBuilder message) {
        return toJson(message).getBytes(UTF_8);
    }

    /**
     * Parses a JSON object into a message of the same type as {@code prototype} (typically
     * {@code Call.getDefaultInstance()}).
     *
     * @throws CodecException {@link CodecException.Kind#MALFORMED_JSON} if the text is not a JSON
     *     object, {@link CodecException.Kind#INVALID_MESSAGE} if it does not convert, e.g.
     *     "Missing required fields: subscribe.framework_info.user"
     */
    public static <M extends Message> M fromJson(byte[] json, M prototype) throws CodecException {
        return fromJson(json, 0, json.length, prototype);
    }

    /** As {@link #fromJson(byte[], Message)} for {@code json[offset, offset+length)}. */
    public static <M extends Message> M fromJson(byte[] json, int offset, int length, M prototype)
            throws CodecException {
        Message.Builder builder = prototype.newBuilderForType();
        merge(json, offset, length, builder);
        if (!builder.isInitialized()) {
            throw new CodecException(CodecException.Kind.INVALID_MESSAGE,
                    "Missing required fields: " + String.join(", ", builder.findInitializationErrors()));
        }
        @SuppressWarnings("unchecked") // newBuilderForType of an M builds an M
        M message = (M) builder.build();
        return message;
    }

    /** As {@link #fromJson(byte[], Message)} for JSON text. */
    public static <M extends Message> M fromJson(String json, M prototype) throws CodecException {
        return fromJson(json.getBytes(UTF_8), prototype);
    }

    /** Merges a JSON object into {@code builder} without checking required fields. */
    public static void merge(byte[] json, int offset, int length, Message.Builder builder)
            throws CodecException {
        JsonScanner scanner = new JsonScanner(json, offset, length);
        if (scanner.peek() != '{') {
            throw new CodecException(CodecException.Kind.MALFORMED_JSON, "Expecting a JSON object");
        }
        try {
            new ProtobufJsonReader(scanner).readObject(builder, 0);
            scanner.expectEnd();
        } catch (CodecException e) {
            if (e.kind() == CodecException.Kind.INVALID_MESSAGE) {
                // Mesos parses the whole text before converting it, so a syntax error anywhere
                // wins over a conversion error found earlier in the text.
                checkSyntax(json, offset, length);
            }
            throw e;
        }
    }

    private static void checkSyntax(byte[] json, int offset, int length) throws CodecException {
        JsonScanner scanner = new JsonScanner(json, offset, length);
        scanner.skipValue(0);
        scanner.expectEnd();
    }
}
