package io.mezzo.executor.command.internal;

import java.util.Optional;

/**
 * The wrapper process of a task: its pid is also the task's process group. Either a child this JVM
 * started (then {@link Process} knows best whether it lives) or one found again from a checkpoint,
 * identified by pid and start time so that a recycled pid is never mistaken for it.
 */
final class TaskProcess {
    private final long pid;
    private final long startTicks;
    private final Process child;

    private TaskProcess(long pid, long startTicks, Process child) {
        this.pid = pid;
        this.startTicks = startTicks;
        this.child = child;
    }

    static TaskProcess child(Process process) {
        // 0 when the wrapper already ended and was reaped: then its exit status file tells the story
        long startTicks = ProcessStat.read(process.pid()).map(ProcessStat::startTicks).orElse(0L);
        return new TaskProcess(process.pid(), startTicks, process);
    }

    static TaskProcess recovered(long pid, long startTicks) {
        return new TaskProcess(pid, startTicks, null);
    }

    long pid() {
        return pid;
    }

    long startTicks() {
        return startTicks;
    }

    Optional<Process> child() {
        return Optional.ofNullable(child);
    }

    boolean isAlive() {
        if (child != null) {
            return child.isAlive();
        }
        return startTicks != 0 && ProcessStat.read(pid)
                .filter(stat -> !stat.isZombie() && stat.startTicks() == startTicks)
                .isPresent();
    }
}
