package io.mezzo.master.internal.http;

import com.google.protobuf.Message;
import io.mezzo.api.codec.CodecException;
import io.mezzo.api.codec.ContentType;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The transport checks of a Mesos v1 streaming API (steps 4–10 of the scheduler API status table),
 * in Mesos' order: 405, 400 no Content-Type, 400 unparseable body, 415, 400 invalid call, 406 for
 * streaming calls with an unacceptable Accept, 400 for a subscription carrying a stream id. Pure:
 * the servlet feeds it the request's parts and the master decides the rest.
 */
public final class ApiRequestClassifier<C extends Message> {

    /** The parts of an HTTP request the checks look at. */
    public record Request(String method, String contentType, String accept, String streamId, byte[] body) {
    }

    /** Either a rejection (status + one-line reason) or a parsed call and the response encoding. */
    public record Outcome<C>(int status, String message, C call, ContentType responseType) {
        public boolean rejected() {
            return call == null;
        }
    }

    private final C prototype;
    private final String messageName;
    private final Function<C, Optional<String>> validator;
    private final Predicate<C> subscription;

    /**
     * @param messageName as Mesos names it in errors, e.g. {@code scheduler::Call}
     * @param validator returns the validation error of a parsed call, if any
     * @param subscription whether a call opens a stream (SUBSCRIBE)
     */
    public ApiRequestClassifier(C prototype, String messageName, Function<C, Optional<String>> validator,
            Predicate<C> subscription) {
        this.prototype = prototype;
        this.messageName = messageName;
        this.validator = validator;
        this.subscription = subscription;
    }

    public Outcome<C> classify(Request request) {
        if (!"POST".equals(request.method())) {
            return reject(405, "Expecting a 'POST' request, received '" + request.method() + "'");
        }
        if (request.contentType() == null) {
            return reject(400, "Expecting 'Content-Type' to be present");
        }
        Optional<ContentType> requestType = ContentType.fromContentType(request.contentType());
        // as Mesos: anything that is not protobuf is parsed as JSON, and only then is the type refused
        ContentType parseAs = requestType.orElse(ContentType.JSON);
        C call;
        try {
            call = parseAs.decode(request.body(), prototype);
        } catch (CodecException e) {
            return reject(400, e.describeFailureToDecode(messageName));
        }
        if (requestType.isEmpty()) {
            return reject(415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
        }
        Optional<String> invalid = validator.apply(call);
        if (invalid.isPresent()) {
            return reject(400, "Failed to validate " + messageName + ": " + invalid.get());
        }
        ContentType responseType = ContentType.JSON;
        if (subscription.test(call)) {
            Optional<ContentType> accepted = ContentType.negotiate(request.accept());
            if (accepted.isEmpty()) {
                return reject(406, "Expecting 'Accept' to allow application/json or application/x-protobuf");
            }
            responseType = accepted.get();
            if (request.streamId() != null) {
                return reject(400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            }
        }
        return new Outcome<>(200, "", call, responseType);
    }

    private Outcome<C> reject(int status, String message) {
        return new Outcome<>(status, message, null, null);
    }
}
