package io.mezzo.master.internal.core;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mezzo.api.registry.RegistryProtos;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TimeInfo;
import io.mezzo.api.v1.Protos.WeightInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the leader persists in ZooKeeper ({@code <zk path>/registry}) so that the next leader knows
 * which agents to wait for, which frameworks to keep for their failover timeout, which agents are
 * under maintenance, which role weights and which allocation policy apply: the admitted, reachable
 * agents (their AgentInfo and maintenance state), unreachable agents only while under maintenance
 * (so a drain or deactivation outlives the partition), the frameworks not removed (their
 * FrameworkInfo), the last applied weights and the policy the leader was asked to use. Tasks,
 * offers, filters and status updates are deliberately not persisted: agents report their tasks when
 * they re-register, and they retry unacknowledged updates, so the registry stays small and changes
 * only when membership, maintenance, weights or the policy do.
 *
 * <p>Encoding: one line per record after a header line. Format 2 ({@code mezzo-registry 2}):
 * {@code agent <base64 mezzo.registry.Agent>} (AgentInfo plus drain info, deactivated, as Mesos'
 * Registry.Slave), {@code framework <base64 FrameworkInfo>}, at most one
 * {@code weights <base64 mezzo.registry.Weights>} and at most one {@code policy <base64 UTF-8 name>}.
 * A reader skips record kinds it does not know, so later ones can be added (readers before the
 * policy record refuse it). Format 1 ({@code mezzo-registry 1}, written before maintenance and
 * weights were kept) has {@code agent <base64 AgentInfo>} lines and is still read. Protobuf keeps
 * the records compatible as fields are added; base64 keeps the node readable as lines.
 *
 * @param weights the last applied role weights; empty if the registry holds none (format 1)
 * @param policy the allocation policy the leader was asked to use (by configuration or an
 *     operator), whether or not it was registered; empty if the registry holds none
 */
public record RegistryState(List<Agent> agents, List<FrameworkInfo> frameworks,
        Optional<Map<String, Double>> weights, Optional<String> policy) {
    static final String HEADER_V1 = "mezzo-registry 1";
    static final String HEADER = "mezzo-registry 2";
    /** Format 3: the records of format 2 spread over shard znodes, each with this header. */
    public static final String HEADER_SHARDED = "mezzo-registry 3";

    /** An agent the registry remembers, with its maintenance state. */
    public record Agent(AgentInfo info, Maintenance maintenance, boolean unreachable) {
        public String id() {
            return info.getId().getValue();
        }
    }

    /** Agents and frameworks are kept in id order, so that equal content is equal however it was read. */
    public RegistryState {
        agents = agents.stream().sorted(java.util.Comparator.comparing(Agent::id)).toList();
        frameworks = frameworks.stream().sorted(java.util.Comparator.comparing(f -> f.getId().getValue())).toList();
        weights = weights.map(w -> java.util.Collections.unmodifiableMap(new TreeMap<>(w)));
    }

    /** Without a policy: what a registry written before policies were kept says. */
    public RegistryState(List<Agent> agents, List<FrameworkInfo> frameworks, Optional<Map<String, Double>> weights) {
        this(agents, frameworks, weights, Optional.empty());
    }

    /** Reachable agents without maintenance, and no weights: what format 1 could say. */
    public static RegistryState of(List<AgentInfo> agents, List<FrameworkInfo> frameworks) {
        return new RegistryState(agents.stream().map(a -> new Agent(a, Maintenance.NONE, false)).toList(), frameworks,
                Optional.empty());
    }

    public static RegistryState empty() {
        return of(List.of(), List.of());
    }

    public byte[] encode() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        records((key, line) -> out.append(line).append('\n'));
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Format 3: the records spread over {@code shards} parts by a hash of their key (agent id,
     * framework id, "weights", "policy"), so that each part stays far below ZooKeeper's 1 MB node limit and a
     * change rewrites only the part that holds it. Every part is returned, empty ones as a bare header.
     */
    public List<byte[]> encodeShards(int shards) {
        List<StringBuilder> parts = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            parts.add(new StringBuilder(HEADER_SHARDED).append('\n'));
        }
        records((key, line) -> parts.get(Math.floorMod(spread(key.hashCode()), shards)).append(line).append('\n'));
        return parts.stream().map(b -> b.toString().getBytes(StandardCharsets.US_ASCII)).toList();
    }

    /**
     * Agent ids differ only in a counter at their end ("…-S41"), and String.hashCode keeps that
     * pattern in its low bits (500 such ids fill 56 of 64 shards): mixed as MurmurHash3's finalizer.
     */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** Reads the parts {@link #encodeShards} wrote. */
    public static RegistryState decodeShards(List<byte[]> shards) {
        List<Agent> agents = new ArrayList<>();
        List<FrameworkInfo> frameworks = new ArrayList<>();
        Optional<Map<String, Double>> weights = Optional.empty();
        Optional<String> policy = Optional.empty();
        for (byte[] shard : shards) {
            RegistryState part = decode(shard);
            agents.addAll(part.agents());
            frameworks.addAll(part.frameworks());
            weights = part.weights().isPresent() ? part.weights() : weights;
            policy = part.policy().isPresent() ? part.policy() : policy;
        }
        return new RegistryState(agents, frameworks, weights, policy);
    }

    /** Each record as its key and its line. */
    private void records(java.util.function.BiConsumer<String, String> out) {
        Base64.Encoder b64 = Base64.getEncoder();
        agents.forEach(a -> out.accept(a.id(), "agent " + b64.encodeToString(toProto(a).toByteArray())));
        frameworks.forEach(f -> out.accept(f.getId().getValue(), "framework " + b64.encodeToString(f.toByteArray())));
        weights.ifPresent(w -> {
            RegistryProtos.Weights.Builder proto = RegistryProtos.Weights.newBuilder();
            w.forEach((role, weight) -> proto.addWeights(WeightInfo.newBuilder().setRole(role).setWeight(weight)));
            out.accept("weights", "weights " + b64.encodeToString(proto.build().toByteArray()));
        });
        policy.ifPresent(name -> out.accept("policy",
                "policy " + b64.encodeToString(name.getBytes(StandardCharsets.UTF_8))));
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
        boolean v1 = HEADER_V1.equals(lines[0]);
        if (!v1 && !HEADER.equals(lines[0]) && !HEADER_SHARDED.equals(lines[0])) {
            throw new IllegalArgumentException("not a Mezzo registry (header '" + lines[0] + "')");
        }
        List<Agent> agents = new ArrayList<>();
        List<FrameworkInfo> frameworks = new ArrayList<>();
        Optional<Map<String, Double>> weights = Optional.empty();
        Optional<String> policy = Optional.empty();
        Base64.Decoder b64 = Base64.getDecoder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            String kind = space < 0 ? line : line.substring(0, space);
            try {
                byte[] record = b64.decode(line.substring(space + 1));
                switch (kind) {
                    case "agent" -> agents.add(v1 ? new Agent(AgentInfo.parseFrom(record), Maintenance.NONE, false)
                            : fromProto(RegistryProtos.Agent.parseFrom(record)));
                    case "framework" -> frameworks.add(FrameworkInfo.parseFrom(record));
                    case "weights" -> weights = Optional.of(weights(RegistryProtos.Weights.parseFrom(record)));
                    case "policy" -> policy = Optional.of(policy(record));
                    default -> {
                        // written by a later version: what this one does not know it cannot use
                    }
                }
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the registry is corrupt: " + e.getMessage(), e);
            }
        }
        return new RegistryState(agents, frameworks, weights, policy);
    }

    private static String policy(byte[] record) {
        String name = new String(record, StandardCharsets.UTF_8);
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank policy name");
        }
        return name;
    }

    private static RegistryProtos.Agent toProto(Agent a) {
        RegistryProtos.Agent.Builder b = RegistryProtos.Agent.newBuilder().setInfo(a.info());
        if (a.maintenance().deactivated()) {
            b.setDeactivated(true);
        }
        a.maintenance().drain().ifPresent(d -> b.setDrainInfo(d.toProto()).setDrainStarted(time(d.startedAt())));
        if (a.unreachable()) {
            b.setUnreachable(true);
        }
        return b.build();
    }

    private static Agent fromProto(RegistryProtos.Agent a) {
        // Mezzo always writes drain_started; without it the grace period counts as run out
        Optional<Drain> drain = a.hasDrainInfo()
                ? Optional.of(Drain.fromProto(a.getDrainInfo(), instant(a.getDrainStarted())))
                : Optional.empty();
        // as in Mesos, a drain implies deactivation
        return new Agent(a.getInfo(), new Maintenance(a.getDeactivated() || drain.isPresent(), drain),
                a.getUnreachable());
    }

    private static Map<String, Double> weights(RegistryProtos.Weights proto) {
        Map<String, Double> out = new TreeMap<>();
        for (WeightInfo w : proto.getWeightsList()) {
            if (!(w.getWeight() > 0) || Double.isInfinite(w.getWeight())) {
                throw new IllegalArgumentException("weight of role '" + w.getRole() + "' is " + w.getWeight());
            }
            out.put(w.getRole(), w.getWeight());
        }
        return out;
    }

    private static TimeInfo time(Instant t) {
        return TimeInfo.newBuilder().setNanoseconds(t.getEpochSecond() * 1_000_000_000L + t.getNano()).build();
    }

    private static Instant instant(TimeInfo t) {
        return Instant.ofEpochSecond(0, t.getNanoseconds());
    }
}
