package io.mezzo.master.internal.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which stream each subscribed framework and agent holds right now, published by the event loop
 * for the HTTP threads. It lets a request thread answer a call that can only be accepted — a
 * subscriber's ACKNOWLEDGE or UPDATE on its current stream — with 202 at once, and hand the call
 * to the loop without waiting for it: the loop checks again and drops a call whose stream ended
 * in between, which for these calls is the same as a call lost on the wire (updates are retried
 * until acknowledged). Anything the directory does not vouch for goes the slow way, through the
 * loop, which gives the exact refusal.
 *
 * <p>Written only by the loop thread (on subscribe, disconnect, removal, demotion); read by any.
 */
public final class StreamDirectory {
    private final Map<String, String> frameworks = new ConcurrentHashMap<>();
    private final Map<String, String> agents = new ConcurrentHashMap<>();

    /** Whether {@code streamId} is the stream of the connected framework {@code frameworkId}. */
    public boolean isFrameworkStream(String frameworkId, String streamId) {
        return streamId != null && streamId.equals(frameworks.get(frameworkId));
    }

    /** Whether {@code streamId} is the stream of the subscribed agent {@code agentId}. */
    public boolean isAgentStream(String agentId, String streamId) {
        return streamId != null && streamId.equals(agents.get(agentId));
    }

    void framework(String frameworkId, EventStream<?> stream) {
        if (stream == null) {
            frameworks.remove(frameworkId);
        } else {
            frameworks.put(frameworkId, stream.id());
        }
    }

    void agent(String agentId, EventStream<?> stream) {
        if (stream == null) {
            agents.remove(agentId);
        } else {
            agents.put(agentId, stream.id());
        }
    }

    void clear() {
        frameworks.clear();
        agents.clear();
    }
}
