package io.mezzo.agent.internal.detect;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells the agent where the leading master is. Reports {@code Optional.empty()} whenever no leader
 * is known (ZooKeeper unreachable, no master elected); the agent then ignores every master until a
 * leader is reported again (DESIGN §6).
 */
public interface MasterDetector extends AutoCloseable {

    /** Starts detection; {@code listener} is called on a detector thread with every change. */
    void start(Consumer<Optional<URI>> listener);

    @Override
    void close();
}
