package io.mezzo.api.client;

import java.io.IOException;

/** A master answered a call with a status the client did not expect (4xx, 5xx, too many redirects). */
public class ApiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public ApiException(int status, String body) {
        super("HTTP " + status + (body.isBlank() ? "" : ": " + body.strip()));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The response body, usually Mesos' one-line reason. */
    public String body() {
        return body;
    }
}
