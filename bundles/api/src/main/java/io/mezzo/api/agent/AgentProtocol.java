package io.mezzo.api.agent;

/** Limits of Mezzo's agent protocol ({@code mezzo/agent.proto}) that agents and masters share. */
public final class AgentProtocol {
    /**
     * Most status updates one UPDATE call may carry; a master refuses a larger call with 400.
     * An agent with more updates ready sends several calls. At ~200 bytes an update, a full call
     * stays far below the master's request body limit (8 MiB by default).
     */
    public static final int MAX_UPDATES_PER_CALL = 1000;

    private AgentProtocol() {
    }
}
