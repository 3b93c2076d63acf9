package io.mezzo.api.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental RecordIO decoder: feed it bytes exactly as they arrive (HTTP chunk boundaries mean
 * nothing, a proxy may re-chunk) and it hands out every record completed so far.
 *
 * <p>A malformed length prefix is reported as soon as the offending byte is seen rather than at
 * the next newline, so garbage cannot make the decoder buffer without bound. After an error the
 * decoder stays failed: the stream position is lost and nothing after it can be trusted.
 *
 * <p>A length of 0 yields an empty record, as Mesos' own decoder does, although the format says
 * writers never produce one. Not thread-safe: one decoder per stream, fed by one reader.
 */
public final class RecordIODecoder {
    /** 2^63 has 19 digits: more digits than that cannot be a length we would accept anyway. */
    private static final int MAX_HEADER_DIGITS = 19;
    private static final byte[] EMPTY = new byte[0];

    private final int maxRecordBytes;
    private long pendingLength;
    private int headerDigits;
    private byte[] record;
    private int filled;
    private String failure;

    /** A decoder with the {@linkplain RecordIO#DEFAULT_MAX_RECORD_BYTES default cap}. */
    public RecordIODecoder() {
        this(RecordIO.DEFAULT_MAX_RECORD_BYTES);
    }

    /** A decoder refusing records longer than {@code maxRecordBytes}. */
    public RecordIODecoder(int maxRecordBytes) {
        if (maxRecordBytes < 0) {
            throw new IllegalArgumentException("maxRecordBytes must be >= 0: " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Decodes {@code chunk[offset, offset+length)}, passing each completed record to {@code sink}. */
    public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> sink)
            throws RecordIOException {
        if (failure != null) {
            throw new RecordIOException("decoder already failed: " + failure);
        }
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (record == null) {
                position = readHeader(chunk, position, end, sink);
            } else {
                int copied = Math.min(record.length - filled, end - position);
                System.arraycopy(chunk, position, record, filled, copied);
                filled += copied;
                position += copied;
                if (filled == record.length) {
                    byte[] complete = record;
                    record = null;
                    sink.accept(complete);
                }
            }
        }
    }

    /** Decodes all of {@code chunk} and returns the records it completed (possibly none). */
    public List<byte[]> feed(byte[] chunk) throws RecordIOException {
        List<byte[]> records = new ArrayList<>(1);
        feed(chunk, 0, chunk.length, records::add);
        return records;
    }

    /** Decodes the remaining bytes of {@code chunk}, consuming them. */
    public List<byte[]> feed(ByteBuffer chunk) throws RecordIOException {
        List<byte[]> records = new ArrayList<>(1);
        if (chunk.hasArray()) {
            feed(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining(), records::add);
            chunk.position(chunk.limit());
        } else {
            byte[] copy = new byte[chunk.remaining()];
            chunk.get(copy);
            feed(copy, 0, copy.length, records::add);
        }
        return records;
    }

    /** True between records: end of input here is a clean end of stream, elsewhere truncation. */
    public boolean isAtRecordBoundary() {
        return failure == null && record == null && headerDigits == 0;
    }

    /** Reads header bytes from {@code position}; returns the position after what it consumed. */
    private int readHeader(byte[] chunk, int position, int end, Consumer<byte[]> sink)
            throws RecordIOException {
        while (position < end) {
            byte b = chunk[position++];
            if (b == '\n') {
                startRecord(sink);
                return position;
            }
            if (b < '0' || b > '9') {
                throw fail(headerDigits == 0
                        ? "Invalid RecordIO length: expected a digit, got " + describe(b)
                        : "Invalid RecordIO length: unexpected " + describe(b) + " after "
                                + headerDigits + " digit(s)");
            }
            if (++headerDigits > MAX_HEADER_DIGITS) {
                throw fail("Invalid RecordIO length: more than " + MAX_HEADER_DIGITS + " digits");
            }
            pendingLength = pendingLength * 10 + (b - '0');
        }
        return position;
    }

    private void startRecord(Consumer<byte[]> sink) throws RecordIOException {
        if (headerDigits == 0) {
            throw fail("Invalid RecordIO length: empty length line");
        }
        long length = pendingLength;
        pendingLength = 0;
        headerDigits = 0;
        if (length > maxRecordBytes) {
            throw fail("RecordIO record of " + length + " bytes exceeds the limit of "
                    + maxRecordBytes + " bytes");
        }
        if (length == 0) {
            sink.accept(EMPTY);
            return;
        }
        record = new byte[(int) length];
        filled = 0;
    }

    private RecordIOException fail(String reason) {
        failure = reason;
        return new RecordIOException(reason);
    }

    private static String describe(byte b) {
        int unsigned = b & 0xff;
        return unsigned >= 0x20 && unsigned < 0x7f
                ? "'" + (char) unsigned + "'"
                : String.format("byte 0x%02x", unsigned);
    }
}
