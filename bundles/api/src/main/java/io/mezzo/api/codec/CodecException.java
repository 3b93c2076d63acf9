package io.mezzo.api.codec;

/**
 * A request or event body could not be decoded. The message is one line, fit for an HTTP 400
 * body; {@link #kind()} tells which step failed so the HTTP layer can word the reason as Mesos
 * does (see {@link #describeFailureToDecode(String)}).
 */
public final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which decoding step failed. */
    public enum Kind {
        /** The bytes are not a valid protobuf encoding (or miss required fields). */
        MALFORMED_PROTOBUF,
        /** The bytes are not syntactically valid JSON, or not a JSON object. */
        MALFORMED_JSON,
        /** Valid JSON that does not convert into the message (wrong types, missing fields). */
        INVALID_MESSAGE
    }

    private final Kind kind;

    public CodecException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The 400 body Mesos sends for this failure, e.g. {@code "Failed to convert JSON into Call
     * protobuf: Missing required fields: subscribe.framework_info.user"}.
     *
     * @param messageName the short proto name of the expected message, e.g. {@code "Call"}
     */
    public String describeFailureToDecode(String messageName) {
        switch (kind) {
            case MALFORMED_PROTOBUF:
                return "Failed to parse body into " + messageName + " protobuf";
            case MALFORMED_JSON:
                return "Failed to parse body into JSON: " + getMessage();
            default:
                return "Failed to convert JSON into " + messageName + " protobuf: " + getMessage();
        }
    }
}
