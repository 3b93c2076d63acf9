package io.mezzo.shell.internal;

import io.mezzo.api.master.MasterSnapshot;
import io.mezzo.api.master.MasterView;
import java.net.URI;
import java.util.Optional;

/**
 * Which master can answer. Only the leader holds agents, frameworks and tasks (a standby answers
 * with empty lists), so a command that reads or changes cluster state first asks for the leader
 * and otherwise tells the operator where the leader is.
 */
public final class Leadership {

    private Leadership() {
    }

    /**
     * @param master the local master, or null when none runs in this container
     * @throws ShellFailure unless {@code master} is the elected leader
     */
    public static MasterView requireLeader(MasterView master) {
        MasterView local = requireMaster(master);
        if (!local.isLeader()) {
            throw new ShellFailure(local.leader()
                    .map(leader -> "This master is a standby; the leader is " + describe(leader)
                            + ": run the command there")
                    .orElse("No leading master is known yet (election in progress or ZooKeeper unreachable)"));
        }
        return local;
    }

    /** @throws ShellFailure when no master runs in this container */
    public static MasterView requireMaster(MasterView master) {
        if (master == null) {
            throw new ShellFailure("No Mezzo master runs in this container (feature mezzo-master not active)");
        }
        return master;
    }

    /** {@code host:port (id)}. */
    public static String describe(MasterSnapshot master) {
        return address(master) + " (" + master.id() + ")";
    }

    public static String address(MasterSnapshot master) {
        return master.hostname() + ":" + master.port();
    }

    /** The leader's base URL for the HTTP APIs, as far as this container knows. */
    public static Optional<URI> leaderUrl(MasterView master) {
        return master == null ? Optional.empty()
                : master.leader().map(leader -> URI.create("http://" + address(leader)));
    }
}
