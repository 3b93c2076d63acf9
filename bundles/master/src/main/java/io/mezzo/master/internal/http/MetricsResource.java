package io.mezzo.master.internal.http;

import io.mezzo.api.master.AllocatorControl;
import io.mezzo.master.internal.MasterGateway;
import io.mezzo.master.internal.metrics.MetricsSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /metrics/snapshot}: Mesos-style flat JSON of the master's and allocator's figures. */
@Component(service = Object.class, property = RestServer.RESOURCE_PROPERTY + "=true")
@Path("/metrics/snapshot")
public class MetricsResource {
    private final MasterGateway master;
    private final AllocatorControl allocator;
    private final Instant started = Clock.systemUTC().instant();

    @Activate
    public MetricsResource(@Reference MasterGateway master, @Reference AllocatorControl allocator) {
        this.master = master;
        this.allocator = allocator;
    }

    @GET
    public Response snapshot() {
        long uptime = Duration.between(started, Clock.systemUTC().instant()).toSeconds();
        return Response.ok(JsonText.write(MetricsSnapshot.of(master.figures(), allocator.cycleStats(), uptime)),
                MediaType.APPLICATION_JSON).build();
    }
}
