package io.mezzo.executor.command.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the executor needs: enough to tell whether a pid still
 * names the process we started (the start time guards against pid reuse) and whether it is a zombie.
 *
 * @param pid the process id
 * @param state the state letter ({@code R}, {@code S}, {@code Z}, ...)
 * @param processGroup the process group id
 * @param startTicks when the process started, in clock ticks after boot (field 22)
 */
record ProcessStat(long pid, char state, long processGroup, long startTicks) {
    private static final Path PROC = Path.of("/proc");
    private static final int STATE = 0;
    private static final int PROCESS_GROUP = 2;
    // fields are counted from 1 and the first two (pid, comm) precede the ')': field 22 is index 19
    private static final int START_TIME = 19;

    /** Reads the process' stat line; empty if there is no such process (any more). */
    static Optional<ProcessStat> read(long pid) {
        String line;
        try {
            line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(parse(pid, line));
    }

    static ProcessStat parse(long pid, String line) {
        // the command name may contain spaces and parentheses: everything after the last ')' is fixed-format
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        return new ProcessStat(pid, fields[STATE].charAt(0), Long.parseLong(fields[PROCESS_GROUP]),
                Long.parseLong(fields[START_TIME]));
    }

    /** The kernel's id of this boot; a pid and start time only identify a process within one boot. */
    static String bootId() {
        try {
            return Files.readString(PROC.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Whether the process has ended and only waits to be reaped. */
    boolean isZombie() {
        return state == 'Z' || state == 'X';
    }
}
