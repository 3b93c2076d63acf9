package io.mezzo.api.codec;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RecordIO framing as Mesos streams events: {@code <decimal length>\n<length bytes>}, no trailer.
 *
 * <p>Encoding writes the header and then the payload straight into the target stream, so a
 * message is never copied into an intermediate framed buffer. Decoding is incremental, see
 * {@link RecordIODecoder}; {@link RecordIOReader} wraps it for blocking streams.
 */
public final class RecordIO {
    /** Default cap on one record: far above any sane event, low enough to stop a runaway peer. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private RecordIO() {}

    /** The header for a record of {@code length} bytes, e.g. {@code "20\n"}. */
    public static byte[] header(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative record length " + length);
        }
        return (Long.toString(length) + '\n').getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes one record holding {@code record[offset, offset+length)}. */
    public static void write(OutputStream out, byte[] record, int offset, int length)
            throws IOException {
        out.write(header(length));
        out.write(record, offset, length);
    }

    /** Writes one record holding all of {@code record}. */
    public static void write(OutputStream out, byte[] record) throws IOException {
        write(out, record, 0, record.length);
    }

    /** Writes one record holding the protobuf encoding of {@code message}, serialized in place. */
    public static void write(OutputStream out, MessageLite message) throws IOException {
        out.write(header(message.getSerializedSize()));
        message.writeTo(out);
    }

    /** A framed copy of {@code record}: for callers that need one buffer (e.g. one HTTP chunk). */
    public static byte[] frame(byte[] record) {
        byte[] header = header(record.length);
        byte[] framed = new byte[header.length + record.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(record, 0, framed, header.length, record.length);
        return framed;
    }
}
