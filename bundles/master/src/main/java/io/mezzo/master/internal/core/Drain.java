package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.DrainConfig;
import io.mezzo.api.v1.Protos.DrainInfo;
import io.mezzo.api.v1.Protos.DrainState;
import io.mezzo.api.v1.Protos.DurationInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An agent's drain (Mesos' DrainInfo): DRAINING until none of its tasks is left running, then
 * DRAINED. With a {@code killGrace} the tasks still running that long after {@code startedAt} are
 * killed; without one they are left to finish.
 */
public record Drain(DrainState state, Optional<Duration> killGrace, Instant startedAt) {

    static Drain starting(Optional<Duration> killGrace, Instant now) {
        return new Drain(DrainState.DRAINING, killGrace, now);
    }

    boolean draining() {
        return state == DrainState.DRAINING;
    }

    Drain drained() {
        return new Drain(DrainState.DRAINED, killGrace, startedAt);
    }

    /** When the tasks still running get killed; empty if they are left to finish. */
    Optional<Instant> killAt() {
        return killGrace.map(startedAt::plus);
    }

    DrainInfo toProto() {
        DrainConfig.Builder config = DrainConfig.newBuilder();
        killGrace.ifPresent(g -> config.setMaxGracePeriod(DurationInfo.newBuilder().setNanoseconds(g.toNanos())));
        return DrainInfo.newBuilder().setState(state).setConfig(config).build();
    }

    static Drain fromProto(DrainInfo info, Instant startedAt) {
        Optional<Duration> grace = info.getConfig().hasMaxGracePeriod()
                ? Optional.of(Duration.ofNanos(info.getConfig().getMaxGracePeriod().getNanoseconds()))
                : Optional.empty();
        // UNKNOWN is what a newer writer's state looks like to us: still draining is the safe reading
        DrainState state = info.getState() == DrainState.DRAINED ? DrainState.DRAINED : DrainState.DRAINING;
        return new Drain(state, grace, startedAt);
    }
}
