package io.mezzo.api.executor;

/**
 * Receives a task's updates. Per task, updates arrive in order (STARTING, RUNNING, then exactly one
 * terminal update), but on executor threads: implementations must be thread-safe and return quickly
 * (enqueue, do not block).
 */
@FunctionalInterface
public interface TaskListener {
    void onUpdate(TaskUpdate update);
}
