package io.mezzo.executor.command.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signals to whole process groups. Java can only signal single processes, so this runs
 * {@code kill -s SIG -- -PGID}; a kill is rare enough that a short-lived process per signal is fine.
 */
class ProcessGroupSignaller {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessGroupSignaller.class);
    private static final long KILL_TIMEOUT_SECONDS = 10;
    private final String kill;

    ProcessGroupSignaller(String kill) {
        this.kill = kill;
    }

    /**
     * @param signal a signal name such as {@code TERM} or {@code KILL}
     * @return whether the group existed and was signalled
     */
    boolean signalGroup(long processGroup, String signal) {
        try {
            Process p = new ProcessBuilder(kill, "-s", signal, "--", "-" + processGroup)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.warn("'{} -s {} -- -{}' did not return", kill, signal, processGroup);
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            LOG.error("Cannot run '{}' to send SIG{} to process group {}", kill, signal, processGroup, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
