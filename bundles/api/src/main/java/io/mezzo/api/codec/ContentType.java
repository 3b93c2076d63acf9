package io.mezzo.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.util.Locale;
import java.util.Optional;

/** The two encodings of the Mesos v1 HTTP APIs, chosen by Content-Type and Accept headers. */
public enum ContentType {
    JSON("application/json"),
    PROTOBUF("application/x-protobuf");

    private final String mediaType;

    ContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type, e.g. {@code application/json}. */
    public String mediaType() {
        return mediaType;
    }

    /** Encodes {@code message} in this encoding. */
    public byte[] encode(MessageOrBuilder message) {
        if (this == JSON) {
            return JsonCodec.toJsonBytes(message);
        }
        return message instanceof Message.Builder
                ? ((Message.Builder) message).build().toByteArray()
                : ((Message) message).toByteArray();
    }

    /**
     * Decodes a message of {@code prototype}'s type; required fields must be present in both
     * encodings, as Mesos' parsers demand.
     */
    public <M extends Message> M decode(byte[] body, M prototype) throws CodecException {
        if (this == JSON) {
            return JsonCodec.fromJson(body, prototype);
        }
        try {
            @SuppressWarnings("unchecked") // the parser of an M parses an M
            M message = (M) prototype.getParserForType().parseFrom(body);
            return message;
        } catch (InvalidProtocolBufferException e) {
            throw new CodecException(CodecException.Kind.MALFORMED_PROTOBUF, e.getMessage());
        }
    }

    /**
     * The encoding named by a request's Content-Type header. Like Mesos this is an exact match:
     * {@code application/json; charset=utf-8} is unsupported (415).
     */
    public static Optional<ContentType> fromContentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (ContentType type : values()) {
            if (type.mediaType.equals(header)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The response encoding for an Accept header, as the Mesos master picks it: JSON if JSON is
     * acceptable at all, else protobuf, else empty (406). A missing header accepts everything.
     */
    public static Optional<ContentType> negotiate(String acceptHeader) {
        for (ContentType type : values()) {
            if (accepts(acceptHeader, type.mediaType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an Accept header allows {@code mediaType}: the most specific matching range
     * decides ({@code type/subtype}, then {@code type/*}, then {@code * /*}), and it accepts
     * unless it carries {@code q=0}.
     */
    public static boolean accepts(String acceptHeader, String mediaType) {
        if (acceptHeader == null) {
            return true;
        }
        String[] candidates = {
            mediaType, mediaType.substring(0, mediaType.indexOf('/')) + "/*", "*/*"
        };
        String header = acceptHeader.replace(" ", "").replace("\t", "").replace("\n", "");
        for (String candidate : candidates) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";");
                if (parts[0].toLowerCase(Locale.ROOT).equals(candidate)) {
                    return qualityOf(parts) > 0;
                }
            }
        }
        return false;
    }

    private static double qualityOf(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("q=")) {
                try {
                    return Double.parseDouble(parts[i].substring(2));
                } catch (NumberFormatException e) {
                    return 0; // Mesos treats an unparseable q as not acceptable
                }
            }
        }
        return 1;
    }
}
