package io.mezzo.master.internal.http;

import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.MasterGateway;
import java.util.Optional;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Shared answers of the operator endpoints. */
final class Operators {
    private Operators() {
    }

    /** 307 to the leader for a leader-only path, or 503 when no leader is known. */
    static Response notLeader(MasterGateway.Leadership leadership, String path, String query) {
        Optional<MasterInfo> leader = leadership.leader();
        if (leader.isEmpty()) {
            return noLeader();
        }
        return Response.status(307).header("Location", Redirects.location(leader.get(), path, query)).build();
    }

    static Response noLeader() {
        return Response.status(503).entity("No leader elected").type(MediaType.TEXT_PLAIN).build();
    }

    /** {@code /master/redirect}: 307 to {@code //leader:port} on every master, the leader included. */
    static Response redirect(MasterGateway.Leadership leadership) {
        return leadership.leader()
                .map(l -> Response.status(307).header("Location", Redirects.authority(l)).build())
                .orElseGet(Operators::noLeader);
    }
}
