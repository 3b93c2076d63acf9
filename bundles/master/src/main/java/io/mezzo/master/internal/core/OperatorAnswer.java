package io.mezzo.master.internal.core;

import io.mezzo.api.master.MaintenanceResult;
import io.mezzo.api.v1.master.Protos.Call;
import io.mezzo.api.v1.master.Protos.Response;
import java.util.Optional;

/**
 * The HTTP answer to an operator API call: 200 with a response (the GET_* calls), 200 without a
 * body (the maintenance calls, as Mesos answers them), or an error status with a one-line reason.
 */
public record OperatorAnswer(int status, String message, Optional<Response> body) {

    static OperatorAnswer of(Response response) {
        return new OperatorAnswer(200, "", Optional.of(response));
    }

    static OperatorAnswer of(MaintenanceResult result) {
        return result.done() ? new OperatorAnswer(200, "", Optional.empty()) : badRequest(result.message());
    }

    static OperatorAnswer badRequest(String message) {
        return new OperatorAnswer(400, message, Optional.empty());
    }

    static OperatorAnswer notImplemented(Call.Type type) {
        return new OperatorAnswer(501, "Call type " + type + " is not implemented", Optional.empty());
    }

    public boolean isError() {
        return status >= 400;
    }
}
