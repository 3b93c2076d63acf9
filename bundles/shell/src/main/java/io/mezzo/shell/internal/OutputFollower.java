package io.mezzo.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * {@code tail -f} for a task's output: copies what is there, then keeps copying what is appended
 * until the task has ended (one last copy after that, for what it wrote while ending) or the
 * thread is interrupted (Ctrl-C). A file has no "data arrived" signal that works across
 * processes and file systems, so it polls, at the pace {@link Pause} sets.
 */
public final class OutputFollower {

    /** Waits between two looks at the file; interruptible. */
    @FunctionalInterface
    public interface Pause {
        void await() throws InterruptedException;
    }

    private OutputFollower() {
    }

    public static void follow(OutputTail tail, OutputStream out, BooleanSupplier ended, Pause pause)
            throws IOException, InterruptedException {
        tail.copyNew(out);
        while (!ended.getAsBoolean()) {
            pause.await();
            tail.copyNew(out);
        }
        tail.copyNew(out);
    }
}
