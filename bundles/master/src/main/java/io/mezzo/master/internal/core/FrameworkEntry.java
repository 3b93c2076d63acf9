package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A framework as the master tracks it. Owned by the master's event loop; never shared. */
final class FrameworkEntry {
    final String id;
    FrameworkInfo info;
    EventStream<Event> stream;
    boolean connected;
    boolean suppressed;
    Instant registeredAt;
    Instant reregisteredAt;
    /** Set while disconnected: the framework is removed when failover_timeout has passed since. */
    Instant disconnectedAt;
    Instant lastHeartbeatAt;
    /** Non-completed tasks by task id. */
    final Map<String, TaskEntry> tasks = new LinkedHashMap<>();
    /** Completed tasks, oldest first, bounded like Mesos' max_completed_tasks_per_framework. */
    final Map<String, TaskEntry> completedTasks = new LinkedHashMap<>();

    FrameworkEntry(String id, FrameworkInfo info, Instant now) {
        this.id = id;
        this.info = info;
        this.registeredAt = now;
    }

    /** The role offers are allocated to: the first of {@code roles} (MULTI_ROLE) or {@code role}. */
    String role() {
        return info.getRolesCount() > 0 ? info.getRoles(0) : info.getRole();
    }

    boolean partitionAware() {
        return info.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.PARTITION_AWARE);
    }

    boolean active() {
        return connected;
    }

    void complete(TaskEntry task) {
        tasks.remove(task.taskId());
        completedTasks.put(task.taskId(), task);
        if (completedTasks.size() > 1000) {
            completedTasks.remove(completedTasks.keySet().iterator().next());
        }
    }
}
