package io.mezzo.api.v1.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.codec.CodecException;
import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.v1.Protos.VersionInfo;
import io.mezzo.api.v1.master.Protos.Call;
import io.mezzo.api.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;

/** The operator API examples of docs/operator-http-api.md decode and encode as documented. */
class OperatorApiJsonTest {

    @Test
    void everyOfficialCallTypeDecodesEvenIfUnsupported() throws CodecException {
        // An unsupported but official type must survive decoding, so the master can answer 501.
        Call call = JsonCodec.fromJson("{\"type\":\"GET_MAINTENANCE_STATUS\"}", Call.getDefaultInstance());

        assertThat(call.getType()).isEqualTo(Call.Type.GET_MAINTENANCE_STATUS);
        assertThat(call.getType().getNumber()).isEqualTo(23);
    }

    @Test
    void writesGetHealthAndGetVersionAsTheDocs() {
        Response health = Response.newBuilder().setType(Response.Type.GET_HEALTH)
                .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)).build();
        Response version = Response.newBuilder().setType(Response.Type.GET_VERSION)
                .setGetVersion(Response.GetVersion.newBuilder().setVersionInfo(VersionInfo.newBuilder()
                        .setVersion("1.0.0").setBuildDate("2016-06-24 23:18:37").setBuildTime(1466810317)
                        .setBuildUser("root")))
                .build();

        assertThat(JsonCodec.toJson(health)).isEqualTo("{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}");
        // build_time is a double in the proto, so Mesos writes it with ".0"
        assertThat(JsonCodec.toJson(version)).isEqualTo("{\"type\":\"GET_VERSION\",\"get_version\":{\"version_info\":"
                + "{\"version\":\"1.0.0\",\"build_date\":\"2016-06-24 23:18:37\",\"build_time\":1466810317.0,"
                + "\"build_user\":\"root\"}}}");
    }

    @Test
    void decodesDocGetFrameworksResponse() throws CodecException {
        String json = "{\"type\": \"GET_FRAMEWORKS\", \"get_frameworks\": {\"frameworks\": [{"
                + "\"active\": true, \"connected\": true, \"recovered\": false,"
                + "\"framework_info\": {\"checkpoint\": false, \"failover_timeout\": 0.0, \"hostname\": \"myhost\","
                + "\"id\": {\"value\": \"361be53a-4d1b-42c1-bec3-e3979eff90bd-0000\"}, \"name\": \"default\","
                + "\"principal\": \"my-principal\", \"role\": \"*\", \"user\": \"root\"},"
                + "\"registered_time\": {\"nanoseconds\": 1470820171578306816},"
                + "\"reregistered_time\": {\"nanoseconds\": 1470820171578306816}}]}}";

        Response response = JsonCodec.fromJson(json, Response.getDefaultInstance());

        Response.GetFrameworks.Framework framework = response.getGetFrameworks().getFrameworks(0);
        assertThat(framework.getFrameworkInfo().getPrincipal()).isEqualTo("my-principal");
        assertThat(framework.getRegisteredTime().getNanoseconds()).isEqualTo(1470820171578306816L);
        assertThat(JsonCodec.fromJson(JsonCodec.toJson(response), Response.getDefaultInstance())).isEqualTo(response);
    }
}
