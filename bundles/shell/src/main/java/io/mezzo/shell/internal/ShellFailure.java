package io.mezzo.shell.internal;

/**
 * Something the operator has to hear about in one line (no leader, unknown id, task failed). The
 * commands turn it into Karaf's {@code CommandException}, which the console prints as the bare
 * message, without a stack trace, and which makes {@code bin/client -b} exit non-zero.
 */
public class ShellFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShellFailure(String message) {
        super(message);
    }

    public ShellFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
