package io.mezzo.master.internal.http;

import io.mezzo.api.MezzoVersion;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.MasterGateway;
import io.mezzo.master.internal.core.StateDocument;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

/** {@code /master/state} (and {@code /state}) in the v0 JSON shape of mesos-v1-api.md §8. */
final class MasterState {
    private final MasterGateway gateway;
    private final Instant startTime;

    MasterState(MasterGateway gateway, Instant startTime) {
        this.gateway = gateway;
        this.startTime = startTime;
    }

    Response get(String path, String query) throws Exception {
        MasterGateway.Leadership leadership = gateway.leadership();
        if (!leadership.leading()) {
            return Operators.notLeader(leadership, path, query);
        }
        // on the loop only the copy of the state; the maps and the JSON are made on this thread
        Optional<Captured> captured = gateway.call(m -> new Captured(m.masterInfo(), m.snapshots().stateDocument(),
                m.snapshots().agentCounts())).get(10, TimeUnit.SECONDS);
        if (captured.isEmpty()) {
            return Response.status(503).entity("No leader elected").type(MediaType.TEXT_PLAIN).build();
        }
        // streamed: the agents', frameworks' and tasks' maps are made one by one as they are written
        Map<String, Object> document = document(captured.get());
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            JsonText.write(document, writer);
            writer.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private record Captured(MasterInfo self, StateDocument doc, Map<String, Integer> agentCounts) {
    }

    private Map<String, Object> document(Captured captured) {
        MasterInfo self = captured.self();
        StateDocument doc = captured.doc();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", MezzoVersion.MESOS_COMPATIBLE_VERSION);
        m.put("mezzo_version", MezzoVersion.VERSION);
        m.put("build_date", VersionResource.BUILD_DATE);
        m.put("build_time", VersionResource.BUILD_TIME);
        m.put("build_user", VersionResource.BUILD_USER);
        m.put("start_time", startTime.toEpochMilli() / 1000.0);
        m.put("id", self.getId());
        m.put("pid", self.getPid());
        m.put("hostname", self.getHostname());
        m.put("capabilities", List.of());
        m.putAll(captured.agentCounts());
        m.put("leader", self.getPid());
        m.put("leader_info", self);
        m.put("flags", gateway.flags());
        m.put("slaves", doc.slaves());
        m.put("recovered_slaves", List.of());
        m.put("frameworks", doc.frameworks());
        m.put("completed_frameworks", doc.completedFrameworks());
        m.put("orphan_tasks", List.of());
        m.put("unregistered_frameworks", List.of());
        return m;
    }
}
