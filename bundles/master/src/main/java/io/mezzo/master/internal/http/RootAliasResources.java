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

/**
 * Root aliases libprocess gives the master's endpoints ({@code /state}, {@code /redirect}); each
 * needs its own class-level path on the shared CXF endpoint.
 */
final class RootAliasResources {
    private RootAliasResources() {
    }

    /** {@code GET /state} = {@code /master/state}. */
    @Component(service = Object.class, property = RestServer.RESOURCE_PROPERTY + "=true")
    @Path("/state")
    public static class StateAlias {
        private final MasterState state;

        @Activate
        public StateAlias(@Reference MasterGateway gateway) {
            this.state = new MasterState(gateway, Instant.now());
        }

        @GET
        public Response state(@Context UriInfo uri) throws Exception {
            return state.get("/master/state", uri.getRequestUri().getRawQuery());
        }
    }

    /** {@code GET /redirect} = {@code /master/redirect}; sub-paths are 404 (no redirect loops). */
    @Component(service = Object.class, property = RestServer.RESOURCE_PROPERTY + "=true")
    @Path("/redirect")
    public static class RedirectAlias {
        private final MasterGateway gateway;

        @Activate
        public RedirectAlias(@Reference MasterGateway gateway) {
            this.gateway = gateway;
        }

        @GET
        public Response redirect() {
            return Operators.redirect(gateway.leadership());
        }
    }
}
