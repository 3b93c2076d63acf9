package io.mezzo.agent.internal.detect;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** A master given as {@code host:port}: always "detected", never changes. */
public final class FixedMasterDetector implements MasterDetector {
    private final URI master;

    public FixedMasterDetector(URI master) {
        this.master = Objects.requireNonNull(master, "master");
    }

    @Override
    public void start(Consumer<Optional<URI>> listener) {
        listener.accept(Optional.of(master));
    }

    @Override
    public void close() {
        // nothing to release
    }
}
