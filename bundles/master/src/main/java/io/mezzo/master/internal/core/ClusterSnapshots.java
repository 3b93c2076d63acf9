package io.mezzo.master.internal.core;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.api.v1.Protos.Attribute;
import io.mezzo.api.resources.Resources;
import io.mezzo.master.internal.metrics.ClusterFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Immutable copies of the state for readers outside the loop (console, JMX, /master/state). */
public final class ClusterSnapshots {
    private final Cluster cluster;

    ClusterSnapshots(Cluster cluster) {
        this.cluster = cluster;
    }

    public List<AgentSnapshot> agents() {
        List<AgentSnapshot> out = new ArrayList<>();
        for (AgentEntry a : cluster.agents.values()) {
            out.add(new AgentSnapshot(a.id, a.hostname(), a.offering(), a.registeredAt, a.total.toString(),
                    a.used.toString(), cluster.offers.offeredOn(a.id).toString(), scalars(a.total),
                    scalars(a.used), attributes(a), a.tasks.size(), a.unreachable, a.deactivated,
                    a.drain == null ? "" : a.drain.state().name()));
        }
        return out;
    }

    public List<FrameworkSnapshot> frameworks() {
        List<FrameworkSnapshot> out = new ArrayList<>();
        for (FrameworkEntry f : cluster.frameworks.values()) {
            List<OfferBook.Offer> offers = cluster.offers.ofFramework(f.id);
            out.add(new FrameworkSnapshot(f.id, f.info.getName(), f.info.getUser(), f.role(), f.active(),
                    f.connected, f.suppressed, f.info.getFailoverTimeout(), f.registeredAt, used(f).toString(),
                    offered(offers).toString(), f.tasks.size(), offers.size()));
        }
        return out;
    }

    public List<TaskSnapshot> tasks() {
        List<TaskSnapshot> out = new ArrayList<>();
        for (FrameworkEntry f : cluster.frameworks.values()) {
            for (TaskEntry t : f.tasks.values()) {
                out.add(task(t));
            }
            for (TaskEntry t : f.completedTasks.values()) {
                out.add(task(t));
            }
        }
        return out;
    }

    public List<OfferSnapshot> offers() {
        return cluster.offers.all().stream().map(o -> new OfferSnapshot(o.id(), o.frameworkId(), o.agentId(),
                o.resources().toString(), o.offeredAt())).toList();
    }

    private static TaskSnapshot task(TaskEntry t) {
        return new TaskSnapshot(t.taskId(), t.info.getName(), t.frameworkId, t.agentId, t.state.name(),
                t.resources.toString(), t.updatedAt);
    }

    static Map<String, String> attributes(AgentEntry a) {
        Map<String, String> out = new TreeMap<>();
        for (Attribute attr : a.info.getAttributesList()) {
            out.put(attr.getName(), switch (attr.getType()) {
                case SCALAR -> String.valueOf(attr.getScalar().getValue());
                case TEXT -> attr.getText().getValue();
                case SET -> String.join(",", attr.getSet().getItemList());
                case RANGES -> attr.getRanges().getRangeList().stream().map(r -> r.getBegin() + "-" + r.getEnd())
                        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
            });
        }
        return out;
    }

    Resources used(FrameworkEntry f) {
        Resources sum = Resources.empty();
        for (TaskEntry t : f.tasks.values()) {
            if (!t.released) {
                sum = sum.plus(t.resources);
            }
        }
        return sum;
    }

    static Resources offered(List<OfferBook.Offer> offers) {
        Resources sum = Resources.empty();
        for (OfferBook.Offer o : offers) {
            sum = sum.plus(o.resources());
        }
        return sum;
    }

    /** Scalar totals by name over all roles, e.g. {@code cpus=4.0}. */
    static Map<String, Double> scalars(Resources resources) {
        Map<String, Double> out = new TreeMap<>();
        for (String name : resources.names()) {
            if (resources.rangesOf(name).isEmpty() && resources.itemsOf(name).isEmpty()) {
                out.put(name, resources.scalarSum(name).value());
            }
        }
        return out;
    }

    /**
     * Counts for /master/state, as Mesos: activated (offered from), deactivated (the other reachable
     * ones: disconnected or taken out by an operator) and unreachable agents.
     */
    public Map<String, Integer> agentCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("activated_slaves", (int) cluster.agents.values().stream().filter(AgentEntry::offering).count());
        out.put("deactivated_slaves", (int) cluster.agents.values().stream()
                .filter(a -> !a.offering() && !a.unreachable).count());
        out.put("unreachable_slaves", (int) cluster.agents.values().stream().filter(a -> a.unreachable).count());
        return out;
    }

    /**
     * The figures of /metrics/snapshot and the Master MBean, counted straight from the state: at
     * 10,000 agents and 100,000 tasks, going through {@link #agents()} and {@link #tasks()} (objects
     * per task, resources as text and parsed back) held the loop for a third of a second.
     */
    public ClusterFigures figures() {
        ClusterFigures.Tally tally = new ClusterFigures.Tally();
        for (AgentEntry a : cluster.agents.values()) {
            tally.agent(a.offering(), a.unreachable, a.deactivated, a.drain == null ? "" : a.drain.state().name(),
                    a.total, a.used, cluster.offers.offeredOn(a.id));
        }
        for (FrameworkEntry f : cluster.frameworks.values()) {
            tally.framework(f.active());
            f.tasks.values().forEach(t -> tally.task(t.state.name()));
            f.completedTasks.values().forEach(t -> tally.task(t.state.name()));
        }
        tally.offers(cluster.offers.size());
        return tally.result(true);
    }

    /** v0 JSON objects of /master/state (the shape of mesos-v1-api.md §8). */
    public StateDocument stateDocument() {
        return new StateDocument(cluster);
    }
}
