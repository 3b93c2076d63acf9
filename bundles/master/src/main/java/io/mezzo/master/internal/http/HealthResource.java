package io.mezzo.master.internal.http;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;

/** {@code GET /health}: 200 with an empty body while this process serves HTTP, as Mesos answers. */
@Component(service = Object.class, property = RestServer.RESOURCE_PROPERTY + "=true")
@Path("/health")
public class HealthResource {

    @GET
    public Response health() {
        return Response.ok().build();
    }
}
