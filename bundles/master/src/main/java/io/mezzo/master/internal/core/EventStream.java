package io.mezzo.master.internal.core;

/**
 * One subscriber's outbound stream (a scheduler's or an agent's), as the master core sees it.
 * Implementations never block the caller: {@link #send} queues and returns, and a subscriber
 * that cannot keep up is disconnected by the implementation.
 */
public interface EventStream<E> {

    /** The {@code Mesos-Stream-Id} of this subscription. */
    String id();

    /** Queues an event; false if the stream is already closed (the event is dropped). */
    boolean send(E event);

    /** Ends the stream; the subscriber sees the HTTP response end. */
    void close();
}
