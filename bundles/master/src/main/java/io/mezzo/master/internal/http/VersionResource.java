package io.mezzo.master.internal.http;

import io.mezzo.api.MezzoVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;

/**
 * {@code GET /version} as Mesos' libprocess answers it; {@code version} is the Mesos API line Mezzo
 * speaks (clients such as pymesos check it), {@code mezzo_version} Mezzo's own.
 */
@Component(service = Object.class, property = RestServer.RESOURCE_PROPERTY + "=true")
@Path("/version")
public class VersionResource {
    static final String BUILD_USER = "mezzo";
    static final String BUILD_DATE = "2026-01-01 00:00:00";
    static final long BUILD_TIME = 1767225600L;

    @GET
    public Response version() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", MezzoVersion.MESOS_COMPATIBLE_VERSION);
        m.put("mezzo_version", MezzoVersion.VERSION);
        m.put("build_date", BUILD_DATE);
        m.put("build_time", BUILD_TIME);
        m.put("build_user", BUILD_USER);
        return Response.ok(JsonText.write(m), MediaType.APPLICATION_JSON).build();
    }
}
