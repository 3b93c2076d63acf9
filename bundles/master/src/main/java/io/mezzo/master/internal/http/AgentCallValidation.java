package io.mezzo.master.internal.http;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Task;
import java.util.Optional;

/**
 * Structural validation of agent calls before they reach the master loop. The scheduler side is
 * {@code io.mezzo.api.validation.SchedulerCallValidator}; the api has no agent counterpart because
 * the agent protocol is Mezzo's own. Resources are checked here so the loop can convert them
 * without failing: an agent reporting invalid resources is refused with 400.
 */
final class AgentCallValidation {
    private AgentCallValidation() {
    }

    static Optional<String> validate(AgentCall call) {
        if (!call.hasType()) {
            return Optional.of("Expecting 'type' to be present");
        }
        return switch (call.getType()) {
            case SUBSCRIBE -> call.hasSubscribe() ? subscribe(call.getSubscribe())
                    : Optional.of("Expecting 'subscribe' to be present");
            case UPDATE -> call.hasUpdate() ? Optional.empty() : Optional.of("Expecting 'update' to be present");
            default -> Optional.empty();
        };
    }

    private static Optional<String> subscribe(AgentCall.Subscribe subscribe) {
        Optional<String> agent = Resources.validate(subscribe.getAgentInfo().getResourcesList());
        if (agent.isPresent()) {
            return Optional.of("Agent has invalid resources: " + agent.get());
        }
        for (Task task : subscribe.getTasksList()) {
            Optional<String> bad = Resources.validate(task.getResourcesList());
            if (bad.isPresent()) {
                return Optional.of("Task " + task.getTaskId().getValue() + " has invalid resources: " + bad.get());
            }
        }
        return Optional.empty();
    }
}
