package io.mezzo.master.internal.http;

import io.mezzo.master.internal.MasterGateway;
import java.time.Instant;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The master process' endpoints under {@code /master}: state, redirect, health. */
@Component(service = Object.class, property = RestServer.RESOURCE_PROPERTY + "=true")
@Path("/master")
public class MasterResource {
    private final MasterGateway gateway;
    private final MasterState state;

    @Activate
    public MasterResource(@Reference MasterGateway gateway) {
        this.gateway = gateway;
        this.state = new MasterState(gateway, Instant.now());
    }

    @GET
    @Path("state")
    public Response state(@Context UriInfo uri) throws Exception {
        return state.get("/master/state", uri.getRequestUri().getRawQuery());
    }

    @GET
    @Path("state.json")
    public Response stateJson(@Context UriInfo uri) throws Exception {
        return state.get("/master/state.json", uri.getRequestUri().getRawQuery());
    }

    @GET
    @Path("redirect")
    public Response redirect() {
        return Operators.redirect(gateway.leadership());
    }

    @GET
    @Path("health")
    public Response health() {
        return Response.ok().build();
    }
}
