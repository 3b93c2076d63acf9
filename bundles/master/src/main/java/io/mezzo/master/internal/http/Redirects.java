package io.mezzo.master.internal.http;

import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.MasterGateway.Leadership;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Where a request goes when this master does not lead: 307 to the leader, or 503 if none is known. */
final class Redirects {
    private Redirects() {
    }

    /** {@code //host:port} of a master, as Mesos writes Location headers. */
    static String authority(MasterInfo leader) {
        String host = leader.hasHostname() && !leader.getHostname().isEmpty() ? leader.getHostname()
                : leader.getAddress().getIp();
        return "//" + host + ":" + leader.getPort();
    }

    /**
     * The Location for a leader-only path: libprocess delegates {@code /api/v1/scheduler} etc. to the
     * master process, so the redirect names {@code /master/...}.
     */
    static String location(MasterInfo leader, String path, String query) {
        String delegated = path.startsWith("/master/") || path.equals("/api/v1/agent") ? path : "/master" + path;
        return authority(leader) + delegated + (query == null ? "" : "?" + query);
    }

    /** @return true if this master leads and should serve the request; otherwise it has been answered */
    static boolean answerIfNotLeader(Leadership leadership, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (leadership.leading()) {
            return true;
        }
        Optional<MasterInfo> leader = leadership.leader();
        if (leader.isPresent()) {
            resp.setStatus(307);
            resp.setHeader("Location", location(leader.get(), req.getRequestURI(), req.getQueryString()));
        } else {
            StreamingApiServlet.reply(resp, 503, "No leader elected");
        }
        return false;
    }
}
