package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.resources.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents, frameworks, tasks and offers parts of {@code /master/state} in Mesos' v0 JSON shape,
 * as plain maps and lists (the HTTP layer adds the master's own fields and writes JSON).
 */
public final class StateDocument {
    private final Cluster cluster;
    private final ClusterSnapshots snapshots;
    /**
     * The v0 form of each resources object met while building one document: the tasks of one
     * LAUNCH share one object, so 100,000 tasks come down to a few hundred conversions.
     */
    private final Map<Resources, Map<String, Object>> converted = new java.util.IdentityHashMap<>();

    StateDocument(Cluster cluster, ClusterSnapshots snapshots) {
        this.cluster = cluster;
        this.snapshots = snapshots;
    }

    /** Mesos flattens resources: {@code {"cpus":2,"gpus":0,"mem":1024,"disk":0,"ports":"[31000-32000]"}}. */
    static Map<String, Object> resources(Resources resources) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String always : List.of("cpus", "gpus", "mem", "disk")) {
            out.put(always, resources.scalarSum(always).value());
        }
        out.putAll(ClusterSnapshots.scalars(resources));
        for (String name : resources.names()) {
            if (!resources.rangesOf(name).isEmpty()) {
                out.put(name, resources.rangesOf(name).toString());
            } else if (!resources.itemsOf(name).isEmpty()) {
                out.put(name, resources.itemsOf(name).toString());
            }
        }
        return out;
    }

    static double seconds(Instant t) {
        return t == null ? 0 : t.toEpochMilli() / 1000.0;
    }

    public List<Object> slaves() {
        List<Object> out = new ArrayList<>();
        for (AgentEntry a : cluster.agents.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id);
            m.put("hostname", a.hostname());
            m.put("port", a.info.getPort());
            m.put("attributes", ClusterSnapshots.attributes(a));
            m.put("pid", "slave(1)@" + a.hostname() + ":" + a.info.getPort());
            m.put("registered_time", seconds(a.registeredAt));
            if (a.reregisteredAt != null) {
                m.put("reregistered_time", seconds(a.reregisteredAt));
            }
            m.put("resources", resources(a.total));
            m.put("used_resources", resources(a.used));
            m.put("offered_resources", resources(cluster.offers.offeredOn(a.id)));
            m.put("reserved_resources", Map.of());
            m.put("unreserved_resources", resources(a.total));
            m.put("active", a.offering());
            m.put("deactivated", a.deactivated);
            if (a.drain != null) {
                m.put("drain_info", a.drain.toProto());
            }
            m.put("version", io.mezzo.api.MezzoVersion.MESOS_COMPATIBLE_VERSION);
            m.put("capabilities", List.of());
            out.add(m);
        }
        return out;
    }

    public List<Object> frameworks() {
        return frameworkList(cluster.frameworks.values());
    }

    public List<Object> completedFrameworks() {
        return frameworkList(cluster.completedFrameworks.values());
    }

    private List<Object> frameworkList(Iterable<FrameworkEntry> frameworks) {
        List<Object> out = new ArrayList<>();
        for (FrameworkEntry f : frameworks) {
            List<OfferBook.Offer> offers = cluster.offers.ofFramework(f.id);
            Resources used = snapshots.used(f);
            Resources offered = ClusterSnapshots.offered(offers);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id);
            m.put("name", f.info.getName());
            m.put("used_resources", resources(used));
            m.put("offered_resources", resources(offered));
            m.put("resources", resources(used.plus(offered)));
            m.put("capabilities", f.info.getCapabilitiesList().stream().map(c -> c.getType().name()).toList());
            m.put("hostname", f.info.getHostname());
            m.put("webui_url", f.info.getWebuiUrl());
            m.put("active", f.active());
            m.put("connected", f.connected);
            m.put("recovered", false);
            m.put("user", f.info.getUser());
            m.put("failover_timeout", f.info.getFailoverTimeout());
            m.put("checkpoint", f.info.getCheckpoint());
            m.put("registered_time", seconds(f.registeredAt));
            m.put("unregistered_time", f.disconnectedAt == null ? 0 : seconds(f.disconnectedAt));
            if (f.reregisteredAt != null) {
                m.put("reregistered_time", seconds(f.reregisteredAt));
            }
            if (f.info.hasPrincipal()) {
                m.put("principal", f.info.getPrincipal());
            }
            if (f.info.getRolesCount() > 0) {
                m.put("roles", f.info.getRolesList());
            } else {
                m.put("role", f.info.getRole());
            }
            List<Object> tasks = new ArrayList<>();
            List<Object> unreachable = new ArrayList<>();
            f.tasks.values().forEach(t -> (t.state == io.mezzo.api.v1.Protos.TaskState.TASK_UNREACHABLE
                    ? unreachable : tasks).add(task(t, f)));
            m.put("tasks", tasks);
            m.put("unreachable_tasks", unreachable);
            m.put("completed_tasks", f.completedTasks.values().stream().map(t -> task(t, f)).toList());
            m.put("offers", offers.stream().map(o -> offer(o, f)).toList());
            m.put("executors", List.of());
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> task(TaskEntry t, FrameworkEntry f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.taskId());
        m.put("name", t.info.getName());
        m.put("framework_id", t.frameworkId);
        m.put("executor_id", t.executorId());
        m.put("slave_id", t.agentId);
        m.put("state", t.state.name());
        m.put("resources", converted.computeIfAbsent(t.resources, StateDocument::resources));
        m.put("role", f.role());
        List<Object> statuses = new ArrayList<>();
        for (TaskStatus s : t.statuses) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("state", s.getState().name());
            st.put("timestamp", s.getTimestamp());
            if (s.hasHealthy()) {
                st.put("healthy", s.getHealthy());
            }
            statuses.add(st);
        }
        m.put("statuses", statuses);
        return m;
    }

    private static Map<String, Object> offer(OfferBook.Offer o, FrameworkEntry f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("framework_id", o.frameworkId());
        m.put("allocation_info", Map.of("role", f.role()));
        m.put("slave_id", o.agentId());
        m.put("resources", resources(o.resources()));
        return m;
    }
}
