package io.mezzo.master.internal.core;

import com.google.protobuf.ByteString;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.ExecutorID;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;

/** Builders for the events the master sends to agents. */
final class AgentEvents {
    private AgentEvents() {
    }

    static AgentEvent subscribed(String agentId, double pingSeconds, MasterInfo master) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.SUBSCRIBED)
                .setSubscribed(AgentEvent.Subscribed.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))
                        .setPingIntervalSeconds(pingSeconds).setMasterInfo(master)).build();
    }

    static AgentEvent runTask(FrameworkInfo framework, TaskInfo task) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK)
                .setRunTask(AgentEvent.RunTask.newBuilder().setFrameworkInfo(framework).setTask(task)).build();
    }

    static AgentEvent killTask(String frameworkId, TaskID taskId) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.KILL_TASK).setKillTask(AgentEvent.KillTask.newBuilder()
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId)).setTaskId(taskId)).build();
    }

    static AgentEvent acknowledge(String frameworkId, TaskID taskId, ByteString uuid) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.ACKNOWLEDGE).setAcknowledge(
                AgentEvent.Acknowledge.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                        .setTaskId(taskId).setUuid(uuid)).build();
    }

    static AgentEvent ping(long sequence) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.PING)
                .setPing(AgentEvent.Ping.newBuilder().setSequence(sequence)).build();
    }

    static AgentEvent shutdown(String message) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.SHUTDOWN)
                .setShutdown(AgentEvent.Shutdown.newBuilder().setMessage(message)).build();
    }

    static AgentEvent shutdownFramework(String frameworkId) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.SHUTDOWN_FRAMEWORK).setShutdownFramework(
                AgentEvent.ShutdownFramework.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId)))
                .build();
    }

    static AgentEvent message(String frameworkId, ExecutorID executorId, ByteString data) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.MESSAGE).setMessage(AgentEvent.Message.newBuilder()
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId)).setExecutorId(executorId)
                .setData(data)).build();
    }
}
