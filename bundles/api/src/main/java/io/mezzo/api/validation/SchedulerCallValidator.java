package io.mezzo.api.validation;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.scheduler.Protos.Call;
import java.util.Optional;

/**
 * Checks a decoded scheduler {@link Call} the way the Mesos master does before acting on it
 * (src/master/validation.cpp, {@code scheduler::call::validate}). A reason is meant for the body
 * of a 400: "Failed to validate scheduler::Call: " + reason.
 *
 * <p>Calls whose sub-message Mezzo does not model (ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS,
 * ACKNOWLEDGE_OPERATION_STATUS, RECONCILE_OPERATIONS, UPDATE_FRAMEWORK) are checked for
 * framework_id only: their sub-message cannot be seen in a decoded Call, so the caller must
 * reject them as unsupported.
 */
public final class SchedulerCallValidator {
    /** Mesos acknowledgement uuids are raw 16-byte UUIDs. */
    static final int UUID_BYTES = 16;

    private SchedulerCallValidator() {}

    /** As {@link #validate(Call, Optional)} without an authenticated principal. */
    public static Optional<String> validate(Call call) {
        return validate(call, Optional.empty());
    }

    /**
     * Why {@code call} is invalid, or empty if it may proceed.
     *
     * @param principal the authenticated principal of the request, if authentication is on
     */
    public static Optional<String> validate(Call call, Optional<String> principal) {
        if (!call.isInitialized()) {
            return reason("Not initialized: " + String.join(", ", call.findInitializationErrors()));
        }
        if (!call.hasType()) {
            return reason("Expecting 'type' to be present");
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            return validateSubscribe(call, principal);
        }
        if (!call.hasFrameworkId()) {
            return reason("Expecting 'framework_id' to be present");
        }
        switch (call.getType()) {
            case ACCEPT:
                return require(call.hasAccept(), "accept");
            case DECLINE:
                return require(call.hasDecline(), "decline");
            case KILL:
                return require(call.hasKill(), "kill");
            case SHUTDOWN:
                return require(call.hasShutdown(), "shutdown");
            case ACKNOWLEDGE:
                if (!call.hasAcknowledge()) {
                    return reason("Expecting 'acknowledge' to be present");
                }
                return call.getAcknowledge().getUuid().size() == UUID_BYTES
                        ? Optional.empty() : reason("Not a valid UUID");
            case RECONCILE:
                return require(call.hasReconcile(), "reconcile");
            case MESSAGE:
                return require(call.hasMessage(), "message");
            case REQUEST:
                return require(call.hasRequest(), "request");
            default:
                // TEARDOWN, REVIVE and SUPPRESS need no sub-message; UNKNOWN is the caller's 501.
                return Optional.empty();
        }
    }

    private static Optional<String> validateSubscribe(Call call, Optional<String> principal) {
        if (!call.hasSubscribe()) {
            return reason("Expecting 'subscribe' to be present");
        }
        FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
        // Compared by value as Mesos does: both unset is fine, "" and unset are the same.
        if (!info.getId().getValue().equals(call.getFrameworkId().getValue())) {
            return reason("'framework_id' differs from 'subscribe.framework_info.id'");
        }
        if (principal.isPresent() && info.hasPrincipal() && !principal.get().equals(info.getPrincipal())) {
            return reason("Authenticated principal '" + principal.get() + "' does not match principal '"
                    + info.getPrincipal() + "' set in `FrameworkInfo`");
        }
        return Optional.empty();
    }

    private static Optional<String> require(boolean present, String field) {
        return present ? Optional.empty() : reason("Expecting '" + field + "' to be present");
    }

    private static Optional<String> reason(String reason) {
        return Optional.of(reason);
    }
}
