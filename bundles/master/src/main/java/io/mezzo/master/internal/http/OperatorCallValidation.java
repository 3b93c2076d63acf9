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
        if (call.getType() == Call.Type.TEARDOWN && !call.hasTeardown()) {
            return Optional.of("Expecting 'teardown' to be present");
        }
        return Optional.empty();
    }
}
