package io.mezzo.master.internal.core;

import io.mezzo.api.MezzoVersion;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.ExecutorID;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TimeInfo;
import io.mezzo.api.v1.Protos.VersionInfo;
import io.mezzo.api.v1.master.Protos.Call;
import io.mezzo.api.v1.master.Protos.Response;
import io.mezzo.api.resources.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The synchronous operator API calls ({@code POST /api/v1}): the master's state as
 * {@code mesos.v1.master.Response} messages. Runs on the loop, like every read of the state.
 */
final class OperatorCalls {
    /** Mesos' libprocess build of the same line; clients only look at {@code version}. */
    static final String BUILD_DATE = "2026-01-01 00:00:00";
    static final double BUILD_TIME = 1767225600;

    private final Cluster cluster;

    OperatorCalls(Cluster cluster) {
        this.cluster = cluster;
    }

    /** The response to a validated call, or empty if Mezzo does not implement that call type. */
    Optional<Response> answer(Call call, Instant startedAt, Instant electedAt) {
        Response.Builder r = Response.newBuilder();
        switch (call.getType()) {
            case GET_HEALTH -> r.setType(Response.Type.GET_HEALTH)
                    .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true));
            case GET_VERSION -> r.setType(Response.Type.GET_VERSION).setGetVersion(Response.GetVersion.newBuilder()
                    .setVersionInfo(VersionInfo.newBuilder().setVersion(MezzoVersion.MESOS_COMPATIBLE_VERSION)
                            .setBuildDate(BUILD_DATE).setBuildTime(BUILD_TIME).setBuildUser("mezzo")));
            case GET_MASTER -> r.setType(Response.Type.GET_MASTER).setGetMaster(Response.GetMaster.newBuilder()
                    .setMasterInfo(cluster.masterInfo).setStartTime(seconds(startedAt))
                    .setElectedTime(seconds(electedAt)));
            case GET_AGENTS -> r.setType(Response.Type.GET_AGENTS).setGetAgents(agents());
            case GET_FRAMEWORKS -> r.setType(Response.Type.GET_FRAMEWORKS).setGetFrameworks(frameworks());
            case GET_TASKS -> r.setType(Response.Type.GET_TASKS).setGetTasks(tasks());
            case GET_STATE -> r.setType(Response.Type.GET_STATE).setGetState(Response.GetState.newBuilder()
                    .setGetTasks(tasks()).setGetExecutors(Response.GetExecutors.getDefaultInstance())
                    .setGetFrameworks(frameworks()).setGetAgents(agents()));
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(r.build());
    }

    Response.GetAgents agents() {
        Response.GetAgents.Builder out = Response.GetAgents.newBuilder();
        for (AgentEntry a : cluster.agents.values()) {
            Response.GetAgents.Agent.Builder b = Response.GetAgents.Agent.newBuilder().setAgentInfo(a.info)
                    .setActive(a.offering()).setDeactivated(a.deactivated)
                    .setVersion(MezzoVersion.MESOS_COMPATIBLE_VERSION)
                    .setPid("slave(1)@" + a.hostname() + ":" + a.info.getPort())
                    .setRegisteredTime(time(a.registeredAt))
                    .addAllTotalResources(a.total.toProtos()).addAllAllocatedResources(a.used.toProtos())
                    .addAllOfferedResources(cluster.offers.offeredOn(a.id).toProtos());
            if (a.reregisteredAt != null) {
                b.setReregisteredTime(time(a.reregisteredAt));
            }
            if (a.drain != null) {
                b.setDrainInfo(a.drain.toProto());
            }
            out.addAgents(b);
        }
        return out.build();
    }

    Response.GetFrameworks frameworks() {
        Response.GetFrameworks.Builder out = Response.GetFrameworks.newBuilder();
        cluster.frameworks.values().forEach(f -> out.addFrameworks(framework(f)));
        cluster.completedFrameworks.values().forEach(f -> out.addCompletedFrameworks(framework(f)));
        return out.build();
    }

    private Response.GetFrameworks.Framework framework(FrameworkEntry f) {
        Response.GetFrameworks.Framework.Builder b = Response.GetFrameworks.Framework.newBuilder()
                .setFrameworkInfo(f.info).setActive(f.active()).setConnected(f.connected).setRecovered(false)
                .setRegisteredTime(time(f.registeredAt));
        if (f.reregisteredAt != null) {
            b.setReregisteredTime(time(f.reregisteredAt));
        }
        if (f.disconnectedAt != null) {
            b.setUnregisteredTime(time(f.disconnectedAt));
        }
        Resources offered = Resources.empty();
        for (OfferBook.Offer o : cluster.offers.ofFramework(f.id)) {
            AgentEntry agent = cluster.agents.get(o.agentId());
            if (agent != null) {
                b.addOffers(SchedulerCalls.toProto(cluster, o, agent, f.role()));
            }
            offered = offered.plus(o.resources());
        }
        Resources used = Resources.empty();
        for (TaskEntry t : f.tasks.values()) {
            if (!t.released) {
                used = used.plus(t.resources);
            }
        }
        List<Resource> allocated = SchedulerCalls.allocatedTo(used.toProtos(), f.role());
        return b.addAllAllocatedResources(allocated)
                .addAllOfferedResources(SchedulerCalls.allocatedTo(offered.toProtos(), f.role())).build();
    }

    Response.GetTasks tasks() {
        Response.GetTasks.Builder out = Response.GetTasks.newBuilder();
        for (FrameworkEntry f : cluster.frameworks.values()) {
            for (TaskEntry t : f.tasks.values()) {
                if (t.state == TaskState.TASK_UNREACHABLE) {
                    out.addUnreachableTasks(task(t));
                } else if (TaskStateMachine.isTerminal(t.state)) {
                    out.addCompletedTasks(task(t));
                } else {
                    out.addTasks(task(t));
                }
            }
            f.completedTasks.values().forEach(t -> out.addCompletedTasks(task(t)));
        }
        return out.build();
    }

    private static Task task(TaskEntry t) {
        Task.Builder b = Task.newBuilder().setName(t.info.getName()).setTaskId(t.info.getTaskId())
                .setFrameworkId(FrameworkID.newBuilder().setValue(t.frameworkId))
                .setAgentId(AgentID.newBuilder().setValue(t.agentId)).setState(t.state)
                .addAllResources(t.info.getResourcesList()).addAllStatuses(t.statuses);
        if (!t.executorId().isEmpty()) {
            b.setExecutorId(ExecutorID.newBuilder().setValue(t.executorId()));
        }
        if (t.latestStatus != null) {
            b.setStatusUpdateState(t.latestStatus.getState());
            if (t.latestStatus.hasUuid()) {
                b.setStatusUpdateUuid(t.latestStatus.getUuid());
            }
        }
        return b.build();
    }

    private static TimeInfo time(Instant t) {
        return TimeInfo.newBuilder().setNanoseconds(t.getEpochSecond() * 1_000_000_000L + t.getNano()).build();
    }

    private static double seconds(Instant t) {
        return t == null ? 0 : t.toEpochMilli() / 1000.0;
    }
}
