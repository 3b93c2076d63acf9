package io.mezzo.master.internal.http;

import io.mezzo.api.v1.master.Protos.Call;
import io.mezzo.master.internal.MasterGateway;
import io.mezzo.master.internal.core.OperatorAnswer;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API, {@code POST /api/v1} (also under {@code /master}): GET_HEALTH, GET_VERSION,
 * GET_MASTER, GET_STATE, GET_AGENTS, GET_FRAMEWORKS, GET_TASKS, TEARDOWN and the agent maintenance
 * calls DRAIN_AGENT, DEACTIVATE_AGENT and REACTIVATE_AGENT (200 without a body, or 400), JSON or protobuf.
 * Checks in Mesos' order — 307/503 from a standby, then the transport checks of the scheduler API,
 * with Accept checked for every call (every answer has a body) — and answers 200 once the master
 * loop has built the response; 501 for call types Mezzo does not implement.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + OperatorApiServlet.PATH,
    "osgi.http.whiteboard.servlet.pattern=" + OperatorApiServlet.MASTER_PATH,
    "osgi.http.whiteboard.servlet.asyncSupported=true",
    "osgi.http.whiteboard.servlet.name=mezzo-operator-api"})
public class OperatorApiServlet extends HttpServlet {
    static final String PATH = "/api/v1";
    static final String MASTER_PATH = "/master/api/v1";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OperatorApiServlet.class);

    private final transient MasterGateway gateway;
    private final transient Instant startedAt = Instant.now();
    private final transient ApiRequestClassifier<Call> requests = new ApiRequestClassifier<>(
            Call.getDefaultInstance(), "master::Call", OperatorCallValidation::validate, c -> true);

    @Activate
    public OperatorApiServlet(@Reference MasterGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Redirects.answerIfNotLeader(gateway.leadership(), req, resp)) {
            return;
        }
        byte[] body = RequestBodies.read(req, resp, gateway.maxBodyBytes());
        if (body == null) {
            return;
        }
        ApiRequestClassifier.Outcome<Call> outcome = requests.classify(new ApiRequestClassifier.Request(
                req.getMethod(), req.getHeader("Content-Type"), req.getHeader("Accept"), null, body));
        if (outcome.rejected()) {
            StreamingApiServlet.reply(resp, outcome.status(), outcome.message());
            return;
        }
        AsyncContext context = req.startAsync();
        context.setTimeout(30_000);
        CompletableFuture<Optional<OperatorAnswer>> result = gateway.call(
                m -> m.operatorCall(outcome.call(), startedAt));
        result.whenComplete((answer, error) -> context.start(() -> {
            HttpServletResponse out = (HttpServletResponse) context.getResponse();
            try {
                if (error != null) {
                    StreamingApiServlet.reply(out, 500, "Internal error: " + error);
                } else if (answer.isEmpty()) {
                    StreamingApiServlet.reply(out, 503, "Master is not the leader");
                } else if (answer.get().isError()) {
                    StreamingApiServlet.reply(out, answer.get().status(), answer.get().message());
                } else if (answer.get().body().isEmpty()) {
                    out.setStatus(200);
                    out.setContentLength(0);
                } else {
                    byte[] bytes = outcome.responseType().encode(answer.get().body().get());
                    out.setStatus(200);
                    out.setContentType(outcome.responseType().mediaType());
                    out.setContentLength(bytes.length);
                    out.getOutputStream().write(bytes);
                }
            } catch (IOException e) {
                LOG.debug("Could not answer an operator call: {}", e.toString());
            } finally {
                context.complete();
            }
        }));
    }
}
