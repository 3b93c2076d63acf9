package io.mezzo.master.internal.http;

import com.google.protobuf.Message;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.codec.ContentType;
import io.mezzo.api.validation.SchedulerCallValidator;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.master.internal.MasterGateway;
import io.mezzo.master.internal.core.CallOutcome;
import io.mezzo.master.internal.core.EventStream;
import io.mezzo.master.internal.core.Master;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming APIs — {@code /api/v1/scheduler} (also under {@code /master}) and {@code /api/v1/agent}
 * — as one async servlet on the HTTP whiteboard, beside the CXF servlet at {@code /}. Subscriptions
 * hold no container thread: events are written by {@link SubscriberStream} when the socket is ready.
 *
 * <p>Plain calls: the frequent ones that the master accepts whenever the caller's subscription is
 * current (ACKNOWLEDGE, an agent's UPDATE…) are answered 202 on the request thread as soon as the
 * {@link io.mezzo.master.internal.core.StreamDirectory} vouches for the subscription, and queued
 * for the loop with nobody waiting. The others are answered once the loop has handled them: on the
 * request's own thread when the loop answers within {@value #SYNC_ANSWER_MILLIS} ms (no async
 * dispatch, no second thread, and the next pipelined request on the connection is parsed at once),
 * asynchronously when it is slower, so a busy loop never pins container threads for long.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + StreamingApiServlet.SCHEDULER_PATH,
    "osgi.http.whiteboard.servlet.pattern=" + StreamingApiServlet.MASTER_SCHEDULER_PATH,
    "osgi.http.whiteboard.servlet.pattern=" + StreamingApiServlet.AGENT_PATH,
    "osgi.http.whiteboard.servlet.asyncSupported=true",
    "osgi.http.whiteboard.servlet.name=mezzo-streaming-api"})
public class StreamingApiServlet extends HttpServlet {
    static final String SCHEDULER_PATH = "/api/v1/scheduler";
    static final String MASTER_SCHEDULER_PATH = "/master/api/v1/scheduler";
    static final String AGENT_PATH = "/api/v1/agent";
    static final String STREAM_ID = "Mesos-Stream-Id";
    static final long SYNC_ANSWER_MILLIS = 50;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamingApiServlet.class);
    private static final CallOutcome NOT_LEADER = new CallOutcome(503, "Master is not the leader");
    /**
     * The frequent calls the master answers 202 whenever the caller's subscription checks pass.
     * Not RECONCILE nor KILL: they answer with events, and clients (our own tests among them)
     * count on those being on their way when the 202 arrives, as they are from Mesos' master.
     */
    private static final Set<Call.Type> ALWAYS_ACCEPTED_SCHEDULER_CALLS = EnumSet.of(Call.Type.ACKNOWLEDGE,
            Call.Type.DECLINE);
    private static final Set<AgentCall.Type> ALWAYS_ACCEPTED_AGENT_CALLS = EnumSet.of(AgentCall.Type.UPDATE,
            AgentCall.Type.PONG);

    private final transient MasterGateway gateway;
    private final transient ApiRequestClassifier<Call> schedulerRequests = new ApiRequestClassifier<>(
            Call.getDefaultInstance(), "scheduler::Call", SchedulerCallValidator::validate,
            c -> c.getType() == Call.Type.SUBSCRIBE);
    private final transient ApiRequestClassifier<AgentCall> agentRequests = new ApiRequestClassifier<>(
            AgentCall.getDefaultInstance(), "agent::Call", AgentCallValidation::validate,
            c -> c.getType() == AgentCall.Type.SUBSCRIBE);

    @Activate
    public StreamingApiServlet(@Reference MasterGateway gateway) {
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
        ApiRequestClassifier.Request request = new ApiRequestClassifier.Request(req.getMethod(),
                req.getHeader("Content-Type"), req.getHeader("Accept"), req.getHeader(STREAM_ID), body);
        String streamId = request.streamId();
        if (AGENT_PATH.equals(req.getRequestURI())) {
            this.<AgentCall, AgentEvent>serve(req, resp, agentRequests.classify(request), c -> c.getType() == AgentCall.Type.SUBSCRIBE,
                    (c, s) -> gateway.call(m -> { m.subscribeAgent(c, s); return true; }),
                    c -> m -> m.handleAgentCall(c, streamId),
                    c -> ALWAYS_ACCEPTED_AGENT_CALLS.contains(c.getType())
                            && gateway.streams().isAgentStream(c.getAgentId().getValue(), streamId));
        } else {
            this.<Call, Event>serve(req, resp, schedulerRequests.classify(request), c -> c.getType() == Call.Type.SUBSCRIBE,
                    (c, s) -> gateway.call(m -> { m.subscribeFramework(c, s); return true; }),
                    c -> m -> m.handleSchedulerCall(c, streamId),
                    c -> ALWAYS_ACCEPTED_SCHEDULER_CALLS.contains(c.getType())
                            && gateway.streams().isFrameworkStream(c.getFrameworkId().getValue(), streamId));
        }
    }

    /**
     * Subscriber-facing part shared by both APIs: reject, stream, or answer a plain call.
     *
     * @param vouched whether the call is one the master accepts whenever the caller's
     *     subscription is current and the directory says it is: answered 202 at once, handled on
     *     the loop without anyone waiting
     */
    private <C extends Message, E extends Message> void serve(HttpServletRequest req, HttpServletResponse resp,
            ApiRequestClassifier.Outcome<C> outcome, Predicate<C> isSubscribe,
            BiConsumer<C, EventStream<E>> subscribe, Function<C, Function<Master, CallOutcome>> handle,
            Predicate<C> vouched) throws IOException {
        if (outcome.rejected()) {
            reply(resp, outcome.status(), outcome.message());
            return;
        }
        if (isSubscribe.test(outcome.call())) {
            subscribe.accept(outcome.call(), openStream(req, resp, outcome.responseType(),
                    req.getRequestURI().equals(AGENT_PATH)));
            return;
        }
        if (vouched.test(outcome.call())) {
            Function<Master, CallOutcome> command = handle.apply(outcome.call());
            gateway.run(m -> {
                CallOutcome late = command.apply(m);
                if (late.status() != 202) {
                    LOG.debug("A call answered 202 was dropped: its subscription ended meanwhile ({} {})",
                            late.status(), late.message());
                }
            });
            reply(resp, 202, null);
            return;
        }
        CompletableFuture<Optional<CallOutcome>> result = gateway.call(handle.apply(outcome.call()));
        try {
            Optional<CallOutcome> answer = result.get(SYNC_ANSWER_MILLIS, TimeUnit.MILLISECONDS);
            CallOutcome o = answer.orElse(NOT_LEADER);
            reply(resp, o.status(), o.message());
            return;
        } catch (TimeoutException e) {
            // the loop is busy: answer when it gets to the call, without holding this thread
        } catch (ExecutionException e) {
            reply(resp, 500, "Internal error: " + e.getCause());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(resp, 503, "Interrupted");
            return;
        }
        AsyncContext context = req.startAsync();
        context.setTimeout(30_000);
        result.whenComplete((answer, error) -> context.start(() -> {
            try {
                CallOutcome o = error != null ? new CallOutcome(500, "Internal error: " + error)
                        : answer.orElse(NOT_LEADER);
                reply((HttpServletResponse) context.getResponse(), o.status(), o.message());
            } catch (IOException e) {
                LOG.debug("Could not answer a call: {}", e.toString());
            } finally {
                context.complete();
            }
        }));
    }

    /** @param coalesce whether one write may carry several records (agents) or each is its own chunk (schedulers) */
    private <E extends Message> SubscriberStream<E> openStream(HttpServletRequest req, HttpServletResponse resp,
            ContentType encoding, boolean coalesce) throws IOException {
        String streamId = UUID.randomUUID().toString();
        resp.setStatus(200);
        resp.setContentType(encoding.mediaType());
        resp.setHeader(STREAM_ID, streamId);
        AsyncContext context = req.startAsync();
        context.setTimeout(0);
        ServletOutputStream out = resp.getOutputStream();
        SubscriberStream<E> stream = new SubscriberStream<>(streamId, encoding, context, out,
                gateway.subscriberQueueLimit(), !coalesce, gateway.streamWrites(), closed -> gateway.call(m -> {
                    m.streamClosed(closed);
                    return true;
                }));
        context.addListener(stream);
        out.setWriteListener(stream);
        return stream;
    }

    static void reply(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        if (status == 405) {
            resp.setHeader("Allow", "POST");
        }
        if (message != null && !message.isEmpty()) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/plain; charset=utf-8");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }
}
