package io.mezzo.agent.internal;

import io.mezzo.api.v1.Protos.Attribute;
import io.mezzo.api.v1.Protos.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's effective settings, resolved from configuration (see {@link AgentConfig}).
 *
 * @param hostname reported to the master and shown in offers
 * @param resources the agent's total resources
 * @param attributes passed along with offers
 * @param workDir sandboxes and checkpoints
 * @param registrationBackoff first delay before re-subscribing after a failure; doubles up to the max
 * @param registrationBackoffMax cap of that delay
 * @param statusUpdateRetry first resend interval of an unacknowledged status update; doubles up to the max
 * @param statusUpdateRetryMax cap of that interval
 * @param requestTimeout bound on each HTTP exchange with the master (subscribe headers, calls)
 */
public record AgentSettings(String hostname, List<Resource> resources, List<Attribute> attributes, Path workDir,
        Duration registrationBackoff, Duration registrationBackoffMax, Duration statusUpdateRetry,
        Duration statusUpdateRetryMax, Duration requestTimeout) {

    public AgentSettings {
        resources = List.copyOf(resources);
        attributes = List.copyOf(attributes);
    }
}
