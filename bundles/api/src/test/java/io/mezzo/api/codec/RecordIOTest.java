package io.mezzo.api.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordIOTest {
    private static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";

    @Test
    void framesRecordAsDecimalLengthNewlineAndBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordIO.write(out, HEARTBEAT.getBytes(UTF_8));

        assertThat(out.toString(UTF_8)).isEqualTo("20\n" + HEARTBEAT);
        assertThat(RecordIO.frame(HEARTBEAT.getBytes(UTF_8))).isEqualTo(out.toByteArray());
    }

    @Test
    void lengthCountsBytesNotCharacters() {
        // "é" is two bytes in UTF-8
        assertThat(new String(RecordIO.frame("é".getBytes(UTF_8)), UTF_8)).isEqualTo("2\né");
    }

    @Test
    void writesProtobufMessageWithItsSerializedSize() throws IOException {
        Event event = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordIO.write(out, event);

        List<byte[]> records = new RecordIODecoder().feed(out.toByteArray());
        assertThat(records).hasSize(1);
        assertThat(Event.parseFrom(records.get(0))).isEqualTo(event);
    }

    @Test
    void decodesManyRecordsPackedIntoOneChunk() throws IOException {
        byte[] stream = concat(frame("a"), frame("bb"), frame(HEARTBEAT), frame("ccc"));

        assertThat(strings(new RecordIODecoder().feed(stream)))
                .containsExactly("a", "bb", HEARTBEAT, "ccc");
    }

    @Test
    void decodesStreamFedOneByteAtATime() throws IOException {
        byte[] stream = concat(frame(HEARTBEAT), frame("x"), frame("0123456789abc"));
        RecordIODecoder decoder = new RecordIODecoder();
        List<byte[]> records = new ArrayList<>();

        for (byte b : stream) {
            decoder.feed(new byte[] {b}, 0, 1, records::add);
        }

        assertThat(strings(records)).containsExactly(HEARTBEAT, "x", "0123456789abc");
        assertThat(decoder.isAtRecordBoundary()).isTrue();
    }

    @Test
    void decodesEveryPossibleSplitPoint() throws IOException {
        // A 12-byte record has a two-digit prefix, so some splits fall inside the length itself.
        byte[] stream = concat(frame("hello, world"), frame("second"));
        for (int split = 0; split <= stream.length; split++) {
            RecordIODecoder decoder = new RecordIODecoder();
            List<byte[]> records = new ArrayList<>();
            decoder.feed(stream, 0, split, records::add);
            decoder.feed(stream, split, stream.length - split, records::add);

            assertThat(strings(records)).as("split at %d", split)
                    .containsExactly("hello, world", "second");
        }
    }

    @Test
    void splitInsideLengthPrefixYieldsNothingUntilComplete() throws IOException {
        RecordIODecoder decoder = new RecordIODecoder();

        assertThat(decoder.feed("2".getBytes(UTF_8))).isEmpty();
        assertThat(decoder.isAtRecordBoundary()).isFalse();
        assertThat(decoder.feed("0\n{\"type\":".getBytes(UTF_8))).isEmpty();
        assertThat(strings(decoder.feed("\"HEARTBEAT\"}1\n".getBytes(UTF_8)))).containsExactly(HEARTBEAT);
        assertThat(strings(decoder.feed("z".getBytes(UTF_8)))).containsExactly("z");
    }

    @Test
    void zeroLengthYieldsEmptyRecordAsMesosDecoderDoes() throws IOException {
        assertThat(strings(new RecordIODecoder().feed("0\n1\nx".getBytes(UTF_8)))).containsExactly("", "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "x1\nx", " 1\nx", "+1\nx", "-1\nx", "1a\nx", "1\r\nx", "12345678901234567890\n"})
    void rejectsBadLengthPrefix(String stream) {
        assertThatThrownBy(() -> new RecordIODecoder().feed(stream.getBytes(UTF_8)))
                .isInstanceOf(RecordIOException.class)
                .hasMessageStartingWith("Invalid RecordIO length");
    }

    @Test
    void rejectsGarbageBeforeNewlineArrives() {
        // The error must come on the first bad byte, not after buffering an endless line.
        RecordIODecoder decoder = new RecordIODecoder();
        assertThatThrownBy(() -> decoder.feed("12{".getBytes(UTF_8)))
                .hasMessage("Invalid RecordIO length: unexpected '{' after 2 digit(s)");
    }

    @Test
    void rejectsRecordAboveConfiguredCap() throws IOException {
        RecordIODecoder decoder = new RecordIODecoder(10);
        assertThat(strings(decoder.feed(frame("0123456789")))).containsExactly("0123456789");

        assertThatThrownBy(() -> decoder.feed("11\n".getBytes(UTF_8)))
                .hasMessage("RecordIO record of 11 bytes exceeds the limit of 10 bytes");
    }

    @Test
    void rejectsLengthOverflowingLong() {
        assertThatThrownBy(() -> new RecordIODecoder().feed("99999999999999999999999\n".getBytes(UTF_8)))
                .hasMessageContaining("more than 19 digits");
    }

    @Test
    void staysFailedAfterAnError() {
        RecordIODecoder decoder = new RecordIODecoder();
        assertThatThrownBy(() -> decoder.feed("x".getBytes(UTF_8))).isInstanceOf(RecordIOException.class);

        assertThatThrownBy(() -> decoder.feed(frame("ok")))
                .hasMessageStartingWith("decoder already failed");
        assertThat(decoder.isAtRecordBoundary()).isFalse();
    }

    @Test
    void readerReturnsRecordsThenNullAtCleanEnd() throws IOException {
        byte[] stream = concat(frame("one"), frame("two"));
        try (RecordIOReader reader = new RecordIOReader(new ByteArrayInputStream(stream))) {
            assertThat(new String(reader.next(), UTF_8)).isEqualTo("one");
            assertThat(new String(reader.next(), UTF_8)).isEqualTo("two");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void readerReportsTruncatedRecord() {
        RecordIOReader reader = new RecordIOReader(new ByteArrayInputStream("5\nabc".getBytes(UTF_8)));
        assertThatThrownBy(reader::next).hasMessage("RecordIO stream ended inside a record");
    }

    @Test
    void roundTripsProtobufEventsThroughReader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Event subscribed = Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1"))
                        .setHeartbeatIntervalSeconds(15))
                .build();
        Event heartbeat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
        RecordIO.write(out, subscribed);
        RecordIO.write(out, heartbeat);

        RecordIOReader reader = new RecordIOReader(new ByteArrayInputStream(out.toByteArray()));
        assertThat(Event.parseFrom(reader.next())).isEqualTo(subscribed);
        assertThat(Event.parseFrom(reader.next())).isEqualTo(heartbeat);
        assertThat(reader.next()).isNull();
    }

    private static byte[] frame(String record) {
        return RecordIO.frame(record.getBytes(UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static List<String> strings(List<byte[]> records) {
        List<String> result = new ArrayList<>();
        records.forEach(r -> result.add(new String(r, UTF_8)));
        return result;
    }
}
