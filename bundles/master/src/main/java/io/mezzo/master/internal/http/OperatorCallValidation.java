package io.mezzo.master.internal.http;

import io.mezzo.api.v1.master.Protos.Call;
import java.util.Optional;

/** Structural validation of operator calls (Mesos' {@code master::call::validate}, for the calls Mezzo models). */
final class OperatorCallValidation {
    private OperatorCallValidation() {
    }

    static Optional<String> validate(Call call) {
        if (!call.isInitialized()) {
            return Optional.of("Not initialized: " + String.join(", ", call.findInitializationErrors()));
        }
        if (!call.hasType()) {
            return Optional.of("Expecting 'type' to be present");
        }
        String missing = switch (call.getType()) {
            case TEARDOWN -> call.hasTeardown() ? null : "teardown";
            case DRAIN_AGENT -> call.hasDrainAgent() ? null : "drain_agent";
            case DEACTIVATE_AGENT -> call.hasDeactivateAgent() ? null : "deactivate_agent";
            case REACTIVATE_AGENT -> call.hasReactivateAgent() ? null : "reactivate_agent";
            default -> null;
        };
        if (missing != null) {
            return Optional.of("Expecting '" + missing + "' to be present");
        }
        if (call.getType() == Call.Type.DRAIN_AGENT && call.getDrainAgent().hasMaxGracePeriod()
                && (call.getDrainAgent().getMaxGracePeriod().getSeconds() < 0
                        || call.getDrainAgent().getMaxGracePeriod().getNanos() < 0)) {
            return Optional.of("'max_grace_period' must not be negative");
        }
        return Optional.empty();
    }
}
