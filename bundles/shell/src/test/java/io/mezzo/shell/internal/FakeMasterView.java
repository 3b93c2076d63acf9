package io.mezzo.shell.internal;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.MaintenanceResult;
import io.mezzo.api.master.MasterSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.master.TaskSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A master whose state the test sets; records the operator operations it receives. */
public final class FakeMasterView implements MasterView {
    public static final MasterSnapshot SELF = new MasterSnapshot("m1", "node1", 5050, "0.1.0");
    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    public boolean leader = true;
    public Optional<MasterSnapshot> knownLeader = Optional.of(SELF);
    public List<AgentSnapshot> agents = new ArrayList<>();
    public List<FrameworkSnapshot> frameworks = new ArrayList<>();
    public List<TaskSnapshot> tasks = new ArrayList<>();
    public List<OfferSnapshot> offers = new ArrayList<>();
    public final List<String> killed = new ArrayList<>();
    public final List<String> maintained = new ArrayList<>();

    public static FakeMasterView standbyOf(MasterSnapshot leader) {
        FakeMasterView view = new FakeMasterView();
        view.leader = false;
        view.knownLeader = Optional.of(leader);
        return view;
    }

    public static AgentSnapshot agent(String id, String host, String total, String used, String offered) {
        return new AgentSnapshot(id, host, true, T0, total, used, offered, Map.of(), Map.of(), Map.of(), 0);
    }

    public static TaskSnapshot task(String id, String framework, String agent, String state) {
        return new TaskSnapshot(id, id + "-name", framework, agent, state, "cpus:0.1;mem:32", T0);
    }

    public static FrameworkSnapshot framework(String id, boolean active, boolean connected) {
        return new FrameworkSnapshot(id, "fw-" + id, "alice", "*", active, connected, false, 0, T0, "", "", 0, 0);
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public Optional<MasterSnapshot> leader() {
        return knownLeader;
    }

    @Override
    public MasterSnapshot self() {
        return SELF;
    }

    @Override
    public List<AgentSnapshot> agents() {
        return leader ? agents : List.of();
    }

    @Override
    public List<FrameworkSnapshot> frameworks() {
        return leader ? frameworks : List.of();
    }

    @Override
    public List<TaskSnapshot> tasks() {
        return leader ? tasks : List.of();
    }

    @Override
    public List<OfferSnapshot> offers() {
        return leader ? offers : List.of();
    }

    @Override
    public boolean killTask(String frameworkId, String taskId) {
        killed.add(frameworkId + "/" + taskId);
        return leader;
    }

    @Override
    public boolean teardownFramework(String frameworkId) {
        return leader;
    }

    @Override
    public MaintenanceResult drainAgent(String agentId, Optional<Duration> killGrace) {
        return maintenance("drain " + agentId + killGrace.map(g -> " " + g.toSeconds()).orElse(""), agentId);
    }

    @Override
    public MaintenanceResult deactivateAgent(String agentId) {
        return maintenance("deactivate " + agentId, agentId);
    }

    @Override
    public MaintenanceResult reactivateAgent(String agentId) {
        return maintenance("reactivate " + agentId, agentId);
    }

    private MaintenanceResult maintenance(String operation, String agentId) {
        maintained.add(operation);
        return agents.stream().anyMatch(a -> a.id().equals(agentId)) ? MaintenanceResult.done(operation + " done")
                : MaintenanceResult.refused("Unknown agent " + agentId);
    }
}
