package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.DrainInfo;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskState;
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
 *
 * <p>Made in two steps so that the master's loop is held only for the first: the constructor (on
 * the loop) copies what the document shows into immutable rows, and {@link #slaves()},
 * {@link #frameworks()} and {@link #completedFrameworks()} turn the rows into maps on the
 * caller's thread, one element at a time as the JSON writer reads them. At 10,000 agents and
 * 100,000 tasks building the maps on the loop held it for most of a second per request, and
 * building them all at once before writing took hundreds of MB per request. Not thread-safe: one
 * document is read by one thread.
 */
public final class StateDocument {
    private final List<AgentRow> agents;
    private final List<FrameworkRow> frameworks;
    private final List<FrameworkRow> completedFrameworks;
    /**
     * The v0 form of each resources object met while building the maps: the tasks of one LAUNCH
     * share one object, so 100,000 tasks come down to a few hundred conversions.
     */
    private final Map<Resources, Map<String, Object>> converted = new java.util.IdentityHashMap<>();

    private record AgentRow(String id, String hostname, int port, Map<String, String> attributes,
            Instant registeredAt, Instant reregisteredAt, Resources total, Resources used, Resources offered,
            boolean active, boolean deactivated, DrainInfo drain) {
    }

    private record FrameworkRow(String id, FrameworkInfo info, String role, boolean active, boolean connected,
            Instant registeredAt, Instant disconnectedAt, Instant reregisteredAt, List<TaskRow> tasks,
            List<TaskRow> completedTasks, List<OfferBook.Offer> offers) {
    }

    private record TaskRow(String id, String name, String frameworkId, String executorId, String agentId,
            TaskState state, Resources resources, boolean released, List<TaskStatus> statuses) {
    }

    /** Copies the state; runs on the master's loop. */
    StateDocument(Cluster cluster) {
        List<AgentRow> agentRows = new ArrayList<>(cluster.agents.size());
        for (AgentEntry a : cluster.agents.values()) {
            agentRows.add(new AgentRow(a.id, a.hostname(), a.info.getPort(), ClusterSnapshots.attributes(a),
                    a.registeredAt, a.reregisteredAt, a.total, a.used, cluster.offers.offeredOn(a.id), a.offering(),
                    a.deactivated, a.drain == null ? null : a.drain.toProto()));
        }
        this.agents = agentRows;
        this.frameworks = rows(cluster, cluster.frameworks.values());
        this.completedFrameworks = rows(cluster, cluster.completedFrameworks.values());
    }

    private static List<FrameworkRow> rows(Cluster cluster, java.util.Collection<FrameworkEntry> entries) {
        List<FrameworkRow> out = new ArrayList<>(entries.size());
        for (FrameworkEntry f : entries) {
            out.add(new FrameworkRow(f.id, f.info, f.role(), f.active(), f.connected, f.registeredAt,
                    f.disconnectedAt, f.reregisteredAt, rows(f.tasks.values()), rows(f.completedTasks.values()),
                    cluster.offers.ofFramework(f.id)));
        }
        return out;
    }

    private static List<TaskRow> rows(java.util.Collection<TaskEntry> tasks) {
        List<TaskRow> out = new ArrayList<>(tasks.size());
        for (TaskEntry t : tasks) {
            out.add(new TaskRow(t.taskId(), t.info.getName(), t.frameworkId, t.executorId(), t.agentId, t.state,
                    t.resources, t.released, List.copyOf(t.statuses)));
        }
        return out;
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

    private Map<String, Object> converted(Resources resources) {
        return converted.computeIfAbsent(resources, StateDocument::resources);
    }

    /**
     * A list whose elements are made from {@code rows} when read, each anew: the JSON writer reads
     * each once, so at 100,000 tasks only one task's map exists at a time, not all of them.
     */
    private static <R> List<Object> lazy(List<R> rows, java.util.function.Function<R, Object> element) {
        return new java.util.AbstractList<>() {
            @Override
            public Object get(int index) {
                return element.apply(rows.get(index));
            }

            @Override
            public int size() {
                return rows.size();
            }
        };
    }

    /** The agents, each made into its map when read (see {@link #lazy}). */
    public List<Object> slaves() {
        return lazy(agents, this::slave);
    }

    private Map<String, Object> slave(AgentRow a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("hostname", a.hostname());
        m.put("port", a.port());
        m.put("attributes", a.attributes());
        m.put("pid", "slave(1)@" + a.hostname() + ":" + a.port());
        m.put("registered_time", seconds(a.registeredAt()));
        if (a.reregisteredAt() != null) {
            m.put("reregistered_time", seconds(a.reregisteredAt()));
        }
        m.put("resources", converted(a.total()));
        m.put("used_resources", resources(a.used()));
        m.put("offered_resources", resources(a.offered()));
        m.put("reserved_resources", Map.of());
        m.put("unreserved_resources", converted(a.total()));
        m.put("active", a.active());
        m.put("deactivated", a.deactivated());
        if (a.drain() != null) {
            m.put("drain_info", a.drain());
        }
        m.put("version", io.mezzo.api.MezzoVersion.MESOS_COMPATIBLE_VERSION);
        m.put("capabilities", List.of());
        return m;
    }

    public List<Object> frameworks() {
        return frameworkList(frameworks);
    }

    public List<Object> completedFrameworks() {
        return frameworkList(completedFrameworks);
    }

    private List<Object> frameworkList(List<FrameworkRow> rows) {
        return lazy(rows, this::framework);
    }

    private Map<String, Object> framework(FrameworkRow f) {
        Resources used = Resources.empty();
        for (TaskRow t : f.tasks()) {
            if (!t.released()) {
                used = used.plus(t.resources());
            }
        }
        Resources offered = ClusterSnapshots.offered(f.offers());
        FrameworkInfo info = f.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", info.getName());
        m.put("used_resources", resources(used));
        m.put("offered_resources", resources(offered));
        m.put("resources", resources(used.plus(offered)));
        m.put("capabilities", info.getCapabilitiesList().stream().map(c -> c.getType().name()).toList());
        m.put("hostname", info.getHostname());
        m.put("webui_url", info.getWebuiUrl());
        m.put("active", f.active());
        m.put("connected", f.connected());
        m.put("recovered", false);
        m.put("user", info.getUser());
        m.put("failover_timeout", info.getFailoverTimeout());
        m.put("checkpoint", info.getCheckpoint());
        m.put("registered_time", seconds(f.registeredAt()));
        m.put("unregistered_time", f.disconnectedAt() == null ? 0 : seconds(f.disconnectedAt()));
        if (f.reregisteredAt() != null) {
            m.put("reregistered_time", seconds(f.reregisteredAt()));
        }
        if (info.hasPrincipal()) {
            m.put("principal", info.getPrincipal());
        }
        if (info.getRolesCount() > 0) {
            m.put("roles", info.getRolesList());
        } else {
            m.put("role", info.getRole());
        }
        List<TaskRow> tasks = new ArrayList<>(f.tasks().size());
        List<TaskRow> unreachable = new ArrayList<>();
        f.tasks().forEach(t -> (t.state() == TaskState.TASK_UNREACHABLE ? unreachable : tasks).add(t));
        m.put("tasks", lazy(tasks, t -> task(t, f)));
        m.put("unreachable_tasks", lazy(unreachable, t -> task(t, f)));
        m.put("completed_tasks", lazy(f.completedTasks(), t -> task(t, f)));
        m.put("offers", f.offers().stream().map(o -> offer(o, f)).toList());
        m.put("executors", List.of());
        return m;
    }

    private Map<String, Object> task(TaskRow t, FrameworkRow f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("framework_id", t.frameworkId());
        m.put("executor_id", t.executorId());
        m.put("slave_id", t.agentId());
        m.put("state", t.state().name());
        m.put("resources", converted(t.resources()));
        m.put("role", f.role());
        List<Object> statuses = new ArrayList<>(t.statuses().size());
        for (TaskStatus s : t.statuses()) {
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

    private static Map<String, Object> offer(OfferBook.Offer o, FrameworkRow f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("framework_id", o.frameworkId());
        m.put("allocation_info", Map.of("role", f.role()));
        m.put("slave_id", o.agentId());
        m.put("resources", resources(o.resources()));
        return m;
    }
}
