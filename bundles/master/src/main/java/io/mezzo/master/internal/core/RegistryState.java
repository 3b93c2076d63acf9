package io.mezzo.master.internal.core;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the leader persists in ZooKeeper ({@code <zk path>/registry}) so that the next leader knows
 * which agents to wait for and which frameworks to keep for their failover timeout: the admitted,
 * reachable agents (their AgentInfo: id, hostname, resources) and the frameworks not removed (their
 * FrameworkInfo: id, failover timeout, roles, capabilities). Tasks, offers, filters and status
 * updates are deliberately not persisted: agents report their tasks when they re-register, and
 * they retry unacknowledged updates, so the registry stays small and changes only when membership
 * does.
 *
 * <p>Encoding: one line per record, {@code agent <base64 AgentInfo>} or
 * {@code framework <base64 FrameworkInfo>}, after a header line {@code mezzo-registry 1}. Protobuf
 * keeps the records compatible as fields are added; base64 keeps the node readable as lines.
 */
public record RegistryState(List<AgentInfo> agents, List<FrameworkInfo> frameworks) {
    static final String HEADER = "mezzo-registry 1";

    public RegistryState {
        agents = List.copyOf(agents);
        frameworks = List.copyOf(frameworks);
    }

    public static RegistryState empty() {
        return new RegistryState(List.of(), List.of());
    }

    public byte[] encode() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        Base64.Encoder b64 = Base64.getEncoder();
        agents.forEach(a -> out.append("agent ").append(b64.encodeToString(a.toByteArray())).append('\n'));
        frameworks.forEach(f -> out.append("framework ").append(b64.encodeToString(f.toByteArray())).append('\n'));
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @throws IllegalArgumentException if the data is not a registry this version can read; empty
     *         data (a node created without content) is the empty registry
     */
    public static RegistryState decode(byte[] data) {
        if (data == null || data.length == 0) {
            return empty();
        }
        String[] lines = new String(data, StandardCharsets.US_ASCII).split("\n");
        if (!HEADER.equals(lines[0])) {
            throw new IllegalArgumentException("not a Mezzo registry (header '" + lines[0] + "')");
        }
        List<AgentInfo> agents = new ArrayList<>();
        List<FrameworkInfo> frameworks = new ArrayList<>();
        Base64.Decoder b64 = Base64.getDecoder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            String kind = space < 0 ? line : line.substring(0, space);
            try {
                byte[] record = b64.decode(line.substring(space + 1));
                switch (kind) {
                    case "agent" -> agents.add(AgentInfo.parseFrom(record));
                    case "framework" -> frameworks.add(FrameworkInfo.parseFrom(record));
                    default -> throw new IllegalArgumentException("line " + (i + 1) + ": unknown record '" + kind + "'");
                }
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the registry is corrupt: " + e.getMessage(), e);
            }
        }
        return new RegistryState(agents, frameworks);
    }
}
