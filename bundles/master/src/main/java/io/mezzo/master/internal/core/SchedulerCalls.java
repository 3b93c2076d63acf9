package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scheduler API calls once they passed transport checks and validation: subscription and dispatch. */
final class SchedulerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCalls.class);
    /** Mesos caps refuse_seconds at one year. */
    private static final double MAX_REFUSE_SECONDS = 365 * 24 * 3600.0;

    private final Cluster cluster;
    private final OfferOperations offerOps;

    SchedulerCalls(Cluster cluster) {
        this.cluster = cluster;
        this.offerOps = new OfferOperations(cluster);
    }

    /** SUBSCRIBE: the HTTP response is already 200; errors arrive as an ERROR event and close the stream. */
    void subscribe(Call.Subscribe subscribe, EventStream<Event> stream) {
        FrameworkInfo info = subscribe.getFrameworkInfo();
        String invalidRole = invalidRole(info);
        if (invalidRole != null) {
            fail(stream, "Role '" + invalidRole + "' is invalid");
            return;
        }
        FrameworkEntry framework;
        if (info.hasId() && cluster.completedFrameworks.containsKey(info.getId().getValue())) {
            fail(stream, "Framework has been removed");
            return;
        } else if (info.hasId() && cluster.frameworks.containsKey(info.getId().getValue())) {
            framework = cluster.frameworks.get(info.getId().getValue());
            failOver(framework);
            framework.info = info;
            framework.reregisteredAt = cluster.now();
            if (!framework.role().equals(cluster.ledger.allocationRole(framework.id))) {
                LOG.warn("Framework {} re-subscribed with role {}; it keeps being offered resources for role {}",
                        framework.id, framework.role(), cluster.ledger.allocationRole(framework.id));
            }
        } else {
            // an id unknown here is a framework that subscribed to a previous leader
            String id = info.hasId() ? info.getId().getValue() : cluster.newFrameworkId();
            info = info.toBuilder().setId(io.mezzo.api.v1.Protos.FrameworkID.newBuilder().setValue(id)).build();
            framework = new FrameworkEntry(id, info, cluster.now());
            cluster.frameworks.put(id, framework);
            cluster.ledger.frameworkAdded(framework);
        }
        cluster.attach(framework, stream);
        cluster.registryDirty = true;
        framework.disconnectedAt = null;
        framework.suppressed = !subscribe.getSuppressedRolesList().isEmpty()
                && subscribe.getSuppressedRolesList().contains(framework.role());
        cluster.ledger.frameworkActive(framework, framework.suppressed);
        framework.lastHeartbeatAt = cluster.now();
        double heartbeat = cluster.settings.heartbeatInterval().toMillis() / 1000.0;
        stream.send(SchedulerEvents.subscribed(framework.id, heartbeat, cluster.masterInfo));
        stream.send(SchedulerEvents.heartbeat());
        cluster.allocationDue = true;
        LOG.info("Framework {} ({}) subscribed on stream {}", framework.id, info.getName(), stream.id());
    }

    /** A second subscription takes over: the old stream is told and closed, offers are regenerated. */
    private void failOver(FrameworkEntry framework) {
        if (framework.stream != null) {
            framework.stream.send(SchedulerEvents.error("Framework failed over"));
            framework.stream.close();
        }
        cluster.offers.ofFramework(framework.id).forEach(cluster::withdraw);
    }

    private static void fail(EventStream<Event> stream, String message) {
        stream.send(SchedulerEvents.error(message));
        stream.close();
    }

    private static String invalidRole(FrameworkInfo info) {
        List<String> roles = info.getRolesCount() > 0 ? info.getRolesList() : List.of(info.getRole());
        for (String role : roles) {
            if (role.isEmpty() || role.startsWith("/") || role.endsWith("/") || role.contains("//")
                    || role.equals(".") || role.equals("..") || role.startsWith("-")
                    || role.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\\')) {
                return role;
            }
        }
        return null;
    }

    /** Checks 12–18 of the status table for a validated non-SUBSCRIBE call, then dispatches it. */
    CallOutcome handle(Call call, String streamIdHeader) {
        FrameworkEntry framework = cluster.frameworks.get(call.getFrameworkId().getValue());
        if (framework == null) {
            return CallOutcome.badRequest("Framework cannot be found");
        }
        if (!framework.connected) {
            return CallOutcome.forbidden("Framework is not subscribed");
        }
        if (streamIdHeader == null) {
            return CallOutcome.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }
        if (!streamIdHeader.equals(framework.stream.id())) {
            return CallOutcome.badRequest("The stream ID '" + streamIdHeader + "' included in this request didn't"
                    + " match the stream ID currently associated with framework ID " + framework.id);
        }
        return dispatch(framework, call);
    }

    private CallOutcome dispatch(FrameworkEntry framework, Call call) {
        switch (call.getType()) {
            case TEARDOWN -> cluster.removeFramework(framework, "TEARDOWN by the framework");
            case ACCEPT -> {
                return offerOps.accept(framework, call.getAccept());
            }
            case DECLINE -> offerOps.decline(framework, call.getDecline().getOfferIdsList(),
                    refuseFor(call.getDecline().hasFilters() ? call.getDecline().getFilters().getRefuseSeconds() : -1));
            case REVIVE -> {
                framework.suppressed = false;
                cluster.ledger.revive(framework);
                cluster.allocationDue = true;
            }
            case SUPPRESS -> {
                framework.suppressed = true;
                cluster.ledger.suppress(framework);
            }
            case KILL -> kill(framework, call.getKill());
            case SHUTDOWN -> shutdownExecutor(framework, call.getShutdown());
            case ACKNOWLEDGE -> new TaskCalls(cluster).acknowledge(framework, call.getAcknowledge());
            case RECONCILE -> new TaskCalls(cluster).reconcile(framework, call.getReconcile());
            case MESSAGE -> message(framework, call.getMessage());
            case REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS -> {
                // Mezzo never sends inverse offers and its allocator ignores requests, as Mesos' does
            }
            default -> {
                return new CallOutcome(501, "Call type " + call.getType() + " is not implemented");
            }
        }
        return CallOutcome.ACCEPTED;
    }

    /** Filters.refuse_seconds: default 5 s, negative means the default, capped at a year. */
    static Duration refuseFor(double refuseSeconds) {
        double s = refuseSeconds < 0 ? 5.0 : Math.min(refuseSeconds, MAX_REFUSE_SECONDS);
        return Duration.ofMillis(Math.round(s * 1000));
    }

    void kill(FrameworkEntry framework, Call.Kill kill) {
        TaskEntry task = cluster.findTask(framework, kill.getTaskId().getValue());
        if (task == null) {
            // as Mesos: killing an unknown task reconciles it
            new TaskCalls(cluster).reconcileUnknown(framework, kill.getTaskId(),
                    kill.hasAgentId() ? kill.getAgentId().getValue() : null);
            return;
        }
        cluster.kill(framework, task);
    }

    private void shutdownExecutor(FrameworkEntry framework, Call.Shutdown shutdown) {
        AgentEntry agent = cluster.agents.get(shutdown.getAgentId().getValue());
        if (agent == null || agent.stream == null) {
            return;
        }
        // Mezzo's agents run command tasks without custom executors: shutting an executor down
        // means killing the tasks it runs
        for (TaskEntry t : cluster.tasksOfExecutor(framework, agent.id, shutdown.getExecutorId())) {
            agent.stream.send(AgentEvents.killTask(framework.id, TaskID.newBuilder().setValue(t.taskId()).build()));
        }
    }

    private void message(FrameworkEntry framework, Call.Message message) {
        AgentEntry agent = cluster.agents.get(message.getAgentId().getValue());
        if (agent != null && agent.stream != null) {
            agent.stream.send(AgentEvents.message(framework.id, message.getExecutorId(), message.getData()));
        }
    }

    /** Offered resources carry the role they are allocated to, as Mesos' MULTI_ROLE offers do. */
    static List<io.mezzo.api.v1.Protos.Resource> allocatedTo(List<io.mezzo.api.v1.Protos.Resource> resources,
            String role) {
        io.mezzo.api.v1.Protos.Resource.AllocationInfo info =
                io.mezzo.api.v1.Protos.Resource.AllocationInfo.newBuilder().setRole(role).build();
        return resources.stream().map(r -> r.toBuilder().setAllocationInfo(info).build()).toList();
    }

    /** Builds the Offer protobuf a framework receives. */
    static Offer toProto(Cluster cluster, OfferBook.Offer offer, AgentEntry agent, String role) {
        Offer.Builder b = Offer.newBuilder().setId(io.mezzo.api.v1.Protos.OfferID.newBuilder().setValue(offer.id()))
                .setFrameworkId(io.mezzo.api.v1.Protos.FrameworkID.newBuilder().setValue(offer.frameworkId()))
                .setAgentId(io.mezzo.api.v1.Protos.AgentID.newBuilder().setValue(agent.id))
                .setHostname(agent.hostname())
                .setUrl(io.mezzo.api.v1.Protos.URL.newBuilder().setScheme("http").setPath("/slave(1)")
                        .setAddress(io.mezzo.api.v1.Protos.Address.newBuilder().setHostname(agent.hostname())
                                .setIp(agent.hostname()).setPort(agent.info.getPort())))
                .addAllResources(allocatedTo(offer.resources().toProtos(), role))
                .addAllAttributes(agent.info.getAttributesList())
                .setAllocationInfo(io.mezzo.api.v1.Protos.Resource.AllocationInfo.newBuilder().setRole(role));
        return b.build();
    }
}
