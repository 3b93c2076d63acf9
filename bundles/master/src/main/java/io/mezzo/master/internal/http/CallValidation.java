package io.mezzo.master.internal.http;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.v1.scheduler.Protos.Call;
import java.util.Optional;

/**
 * Structural validation of calls (Mesos' {@code scheduler::call::validate}); to be replaced by
 * {@code io.mezzo.api.validation} once it lands on the api bundle.
 */
final class CallValidation {
    private CallValidation() {
    }

    static Optional<String> scheduler(Call call) {
        if (!call.hasType()) {
            return Optional.of("Expecting 'type' to be present");
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            if (!call.hasSubscribe()) {
                return Optional.of("Expecting 'subscribe' to be present");
            }
            var info = call.getSubscribe().getFrameworkInfo();
            if (call.hasFrameworkId() != info.hasId() || call.hasFrameworkId()
                    && !call.getFrameworkId().equals(info.getId())) {
                return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
            }
            return Optional.empty();
        }
        if (!call.hasFrameworkId()) {
            return Optional.of("Expecting 'framework_id' to be present");
        }
        String missing = switch (call.getType()) {
            case ACCEPT -> call.hasAccept() ? null : "accept";
            case DECLINE -> call.hasDecline() ? null : "decline";
            case KILL -> call.hasKill() ? null : "kill";
            case SHUTDOWN -> call.hasShutdown() ? null : "shutdown";
            case ACKNOWLEDGE -> call.hasAcknowledge() ? null : "acknowledge";
            case RECONCILE -> call.hasReconcile() ? null : "reconcile";
            case MESSAGE -> call.hasMessage() ? null : "message";
            case REQUEST -> call.hasRequest() ? null : "request";
            default -> null;
        };
        if (missing != null) {
            return Optional.of("Expecting '" + missing + "' to be present");
        }
        if (call.getType() == Call.Type.ACKNOWLEDGE && call.getAcknowledge().getUuid().size() != 16) {
            return Optional.of("Not a valid UUID");
        }
        return Optional.empty();
    }

    static Optional<String> agent(AgentCall call) {
        if (!call.hasType()) {
            return Optional.of("Expecting 'type' to be present");
        }
        return switch (call.getType()) {
            case SUBSCRIBE -> call.hasSubscribe() ? Optional.empty() : Optional.of("Expecting 'subscribe' to be present");
            case UPDATE -> call.hasUpdate() ? Optional.empty() : Optional.of("Expecting 'update' to be present");
            default -> Optional.empty();
        };
    }
}
