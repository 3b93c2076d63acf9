package io.mezzo.api;

/** The release this build belongs to, as reported by {@code GET /version}. */
public final class MezzoVersion {
    /** Mezzo's own version. */
    public static final String VERSION = "0.1.0";
    /** The Mesos API line Mezzo is wire-compatible with. */
    public static final String MESOS_COMPATIBLE_VERSION = "1.12.0";

    private MezzoVersion() {
    }
}
