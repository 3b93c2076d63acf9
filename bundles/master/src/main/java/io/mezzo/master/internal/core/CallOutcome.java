package io.mezzo.master.internal.core;

/** The HTTP answer to a non-streaming call: a status and a one-line reason for errors. */
public record CallOutcome(int status, String message) {
    public static final CallOutcome ACCEPTED = new CallOutcome(202, "");

    public static CallOutcome badRequest(String message) {
        return new CallOutcome(400, message);
    }

    public static CallOutcome forbidden(String message) {
        return new CallOutcome(403, message);
    }

    public boolean isError() {
        return status >= 400;
    }
}
