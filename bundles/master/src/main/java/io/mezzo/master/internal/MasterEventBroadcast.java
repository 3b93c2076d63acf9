package io.mezzo.master.internal;

import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.core.MasterEvents;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each master event to every listener registered at that moment; one that fails is logged
 * and does not stop the others.
 */
final class MasterEventBroadcast implements MasterEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MasterEventBroadcast.class);
    private final Supplier<List<MasterEvents>> listeners;

    MasterEventBroadcast(Supplier<List<MasterEvents>> listeners) {
        this.listeners = listeners;
    }

    private void each(Consumer<MasterEvents> event) {
        for (MasterEvents listener : listeners.get()) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A master event listener failed", e);
            }
        }
    }

    @Override
    public void elected(MasterInfo master) {
        each(l -> l.elected(master));
    }

    @Override
    public void demoted(MasterInfo master) {
        each(l -> l.demoted(master));
    }

    @Override
    public void leaderChanged(Optional<MasterInfo> leader) {
        each(l -> l.leaderChanged(leader));
    }

    @Override
    public void agentUnreachable(String agentId, String hostname, String reason) {
        each(l -> l.agentUnreachable(agentId, hostname, reason));
    }

    @Override
    public void agentDrained(String agentId, String hostname) {
        each(l -> l.agentDrained(agentId, hostname));
    }
}
