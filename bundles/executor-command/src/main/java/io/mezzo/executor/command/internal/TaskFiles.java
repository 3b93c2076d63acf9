package io.mezzo.executor.command.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a task's files live. The task sees its sandbox as working directory; the executor's own
 * bookkeeping (checkpoint, exit status, kill marker) sits in a {@code .mezzo} directory inside it, so
 * everything about a task is in one place and survives restarts of the agent.
 */
record TaskFiles(Path sandbox) {
    static final String META_DIR = ".mezzo";
    static final String EXIT_STATUS = "exit_status";

    Path metaDir() {
        return sandbox.resolve(META_DIR);
    }

    Path stdout() {
        return sandbox.resolve("stdout");
    }

    Path stderr() {
        return sandbox.resolve("stderr");
    }

    Path checkpoint() {
        return metaDir().resolve("task.checkpoint");
    }

    /** Written by the task's wrapper shell, atomically, when the command has ended. */
    Path exitStatus() {
        return metaDir().resolve(EXIT_STATUS);
    }

    /** Present once a kill was requested, so a recovering executor still reports KILLED. */
    Path killMarker() {
        return metaDir().resolve("kill_requested");
    }

    /** Creates the sandbox and clears what a previous run in the same directory left behind. */
    void prepare() throws IOException {
        Files.createDirectories(metaDir());
        Files.deleteIfExists(exitStatus());
        Files.deleteIfExists(killMarker());
    }

    OptionalInt readExitStatus() {
        completeInterruptedRename();
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(exitStatus(), StandardCharsets.US_ASCII).trim()));
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            // the wrapper renames a complete file into place, so this means someone else wrote it
            return OptionalInt.empty();
        }
    }

    boolean hasExitStatus() {
        completeInterruptedRename();
        return Files.exists(exitStatus());
    }

    /**
     * The wrapper writes the status to a temporary file and renames it into place; a SIGKILL of the
     * task's process group (the end of a kill's grace period) can land between the two. A complete
     * temporary file (a number and its newline) is the status: finish the rename for the wrapper.
     */
    private void completeInterruptedRename() {
        Path temp = exitStatus().resolveSibling(EXIT_STATUS + ".tmp");
        if (Files.exists(exitStatus()) || !Files.exists(temp)) {
            return;
        }
        try {
            String text = Files.readString(temp, StandardCharsets.US_ASCII);
            if (text.endsWith("\n")) {
                Integer.parseInt(text.trim());
                Files.move(temp, exitStatus(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | NumberFormatException e) {
            // incomplete or foreign: leave it; the task reports no exit status, as before
        }
    }

    boolean isKillRequested() {
        return Files.exists(killMarker());
    }

    /** The grace period of the kill that was requested, if any. */
    Optional<Duration> requestedKillGracePeriod() {
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(
                    Files.readString(killMarker(), StandardCharsets.US_ASCII).trim())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Records a kill durably, so that an executor restarted during the grace period finishes it. */
    void markKillRequested(Duration gracePeriod) throws IOException {
        Path temp = killMarker().resolveSibling(killMarker().getFileName() + ".tmp");
        Files.writeString(temp, Long.toString(gracePeriod.toMillis()), StandardCharsets.US_ASCII);
        Files.move(temp, killMarker(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
