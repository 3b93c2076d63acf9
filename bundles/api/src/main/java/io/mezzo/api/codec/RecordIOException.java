package io.mezzo.api.codec;

import java.io.IOException;

/** A RecordIO stream is malformed (bad length prefix, oversized or truncated record). */
public class RecordIOException extends IOException {
    private static final long serialVersionUID = 1L;

    public RecordIOException(String message) {
        super(message);
    }
}
