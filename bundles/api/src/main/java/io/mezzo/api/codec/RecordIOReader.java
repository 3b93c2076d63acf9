package io.mezzo.api.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Blocking record-at-a-time reader over an {@link InputStream}, for clients that read an event
 * stream on a dedicated thread. Reads in chunks and buffers records already decoded.
 */
public final class RecordIOReader implements AutoCloseable {
    private final InputStream in;
    private final RecordIODecoder decoder;
    private final Deque<byte[]> ready = new ArrayDeque<>();
    private final byte[] chunk = new byte[8192];

    public RecordIOReader(InputStream in, int maxRecordBytes) {
        this.in = in;
        this.decoder = new RecordIODecoder(maxRecordBytes);
    }

    public RecordIOReader(InputStream in) {
        this(in, RecordIO.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * The next record, or {@code null} at a clean end of stream.
     *
     * @throws RecordIOException if the stream is malformed or ends inside a record
     */
    public byte[] next() throws IOException {
        while (ready.isEmpty()) {
            int read = in.read(chunk);
            if (read < 0) {
                if (!decoder.isAtRecordBoundary()) {
                    throw new RecordIOException("RecordIO stream ended inside a record");
                }
                return null;
            }
            decoder.feed(chunk, 0, read, ready::add);
        }
        return ready.poll();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
