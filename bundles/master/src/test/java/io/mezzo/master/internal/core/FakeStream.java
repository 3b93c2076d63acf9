package io.mezzo.master.internal.core;

import java.util.ArrayList;
import java.util.List;

/** A subscriber stream that records what the master sends. */
final class FakeStream<E> implements EventStream<E> {
    final String id;
    final List<E> events = new ArrayList<>();
    boolean closed;

    FakeStream(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean send(E event) {
        if (closed) {
            return false;
        }
        events.add(event);
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
