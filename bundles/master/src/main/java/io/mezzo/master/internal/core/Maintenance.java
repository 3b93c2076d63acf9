package io.mezzo.master.internal.core;

import java.util.Optional;

/** An agent's operator maintenance state: deactivated (no offers), and the drain if one was asked for. */
public record Maintenance(boolean deactivated, Optional<Drain> drain) {
    public static final Maintenance NONE = new Maintenance(false, Optional.empty());

    public boolean any() {
        return deactivated || drain.isPresent();
    }
}
