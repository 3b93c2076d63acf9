package io.mezzo.api.master;

/**
 * The answer to an agent maintenance operation (drain, deactivate, reactivate): whether it was
 * done, and one line saying what happened or why it was refused (unknown agent, not the leader).
 */
public record MaintenanceResult(boolean done, String message) {

    public static MaintenanceResult done(String message) {
        return new MaintenanceResult(true, message);
    }

    public static MaintenanceResult refused(String message) {
        return new MaintenanceResult(false, message);
    }
}
