package io.mezzo.master.internal.http;

import io.mezzo.api.agent.AgentProtocol;
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
            case UPDATE -> updates(call);
            default -> Optional.empty();
        };
    }

    /**
     * At least one update, at most {@link AgentProtocol#MAX_UPDATES_PER_CALL}, each naming its framework
     * and task: a malformed batch is refused as a whole (400), so nothing of it is half applied.
     */
    private static Optional<String> updates(AgentCall call) {
        int count = call.getUpdatesCount() + (call.hasUpdate() ? 1 : 0);
        if (count == 0) {
            return Optional.of("Expecting 'update' or 'updates' to be present");
        }
        if (count > AgentProtocol.MAX_UPDATES_PER_CALL) {
            return Optional.of("Too many updates in one call: " + count + " > " + AgentProtocol.MAX_UPDATES_PER_CALL);
        }
        for (AgentCall.Update update : call.getUpdatesList()) {
            if (update.getFrameworkId().getValue().isEmpty() || update.getStatus().getTaskId().getValue().isEmpty()) {
                return Optional.of("Expecting every update to name its framework and task");
            }
        }
        return Optional.empty();
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
