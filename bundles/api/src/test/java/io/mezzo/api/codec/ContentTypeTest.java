package io.mezzo.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.scheduler.Protos.Call;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypeTest {

    @Test
    void contentTypeIsAnExactMatchAsInMesos() {
        assertThat(ContentType.fromContentType("application/json")).contains(ContentType.JSON);
        assertThat(ContentType.fromContentType("application/x-protobuf")).contains(ContentType.PROTOBUF);
        assertThat(ContentType.fromContentType("application/json; charset=utf-8")).isEmpty();
        assertThat(ContentType.fromContentType("text/plain")).isEmpty();
        assertThat(ContentType.fromContentType(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL|JSON",
        "*/*|JSON",
        "application/json|JSON",
        "application/x-protobuf|PROTOBUF",
        "application/x-protobuf, application/json|JSON",
        "application/json;q=0, application/x-protobuf|PROTOBUF",
        "application/json;q=0, */*|PROTOBUF",
        "application/*|JSON",
        "APPLICATION/JSON|JSON",
        "text/html|NONE",
        "application/json;q=0|NONE",
        "''|NONE",
    })
    void negotiatesResponseEncodingLikeTheMaster(String accept, String expected) {
        Optional<ContentType> chosen = ContentType.negotiate(accept);

        assertThat(chosen.map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    @Test
    void encodesAndDecodesInBothEncodings() throws CodecException {
        Call teardown = Call.newBuilder().setType(Call.Type.TEARDOWN)
                .setFrameworkId(FrameworkID.newBuilder().setValue("fw")).build();

        for (ContentType type : ContentType.values()) {
            assertThat(type.decode(type.encode(teardown), Call.getDefaultInstance())).isEqualTo(teardown);
        }
    }

    @Test
    void protobufDecodingReportsMalformedBody() {
        assertThatThrownBy(() -> ContentType.PROTOBUF.decode(new byte[] {(byte) 0xff}, Call.getDefaultInstance()))
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.describeFailureToDecode("Call"))
                        .isEqualTo("Failed to parse body into Call protobuf"));
    }
}
