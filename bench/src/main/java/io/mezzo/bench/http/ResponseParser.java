package io.mezzo.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Incremental parser of HTTP/1.1 responses as they arrive on one connection, pipelined ones one
 * after the other: status line, headers, then a body framed by {@code Content-Length} or chunked
 * transfer coding (the only framings a keep-alive response may use). Bytes may be split anywhere.
 * A body the sink wants streamed (an event stream) is handed over piece by piece as it arrives;
 * others are collected and handed over whole. Not thread-safe: one parser per connection.
 */
final class ResponseParser {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_COLLECTED_BODY = 16 * 1024 * 1024;

    /** Where parsed responses go. */
    interface Sink {
        /** The head of the next response; true to have its body streamed to {@link #onBody}. */
        boolean onHead(int status, Map<String, String> headers);

        /** A piece of a streamed body. */
        void onBody(byte[] bytes, int offset, int length);

        /** The response is complete; {@code body} is empty if it was streamed. */
        void onComplete(int status, Map<String, String> headers, byte[] body);
    }

    private enum State { HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER }

    private final Sink sink;
    private State state = State.HEAD;
    private byte[] line = new byte[256];
    private int lineLength;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(0);
    private int status;
    private Map<String, String> headers;
    private boolean streamed;
    private long remaining;
    private int crlfSeen;

    ResponseParser(Sink sink) {
        this.sink = sink;
    }

    /** True between responses: the connection may close here without losing anything. */
    boolean isIdle() {
        return state == State.HEAD && lineLength == 0;
    }

    void feed(byte[] b, int offset, int length) throws IOException {
        int p = offset;
        int end = offset + length;
        while (p < end) {
            switch (state) {
                case HEAD -> p = head(b, p, end);
                case FIXED -> {
                    int n = (int) Math.min(remaining, end - p);
                    body(b, p, n);
                    p += n;
                    remaining -= n;
                    if (remaining == 0) {
                        complete();
                    }
                }
                case CHUNK_SIZE -> p = chunkSize(b, p, end);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - p);
                    body(b, p, n);
                    p += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_END;
                        crlfSeen = 0;
                    }
                }
                case CHUNK_END -> {
                    byte c = b[p++];
                    if (crlfSeen == 0 && c == '\r') {
                        crlfSeen = 1;
                    } else if (c == '\n') {
                        state = State.CHUNK_SIZE;
                    } else {
                        throw new IOException("malformed chunk: no CRLF after its data");
                    }
                }
                case TRAILER -> p = trailer(b, p, end);
                default -> throw new IllegalStateException(state.toString());
            }
        }
    }

    /** Collects the head up to the empty line, then decides how the body is framed. */
    private int head(byte[] b, int p, int end) throws IOException {
        while (p < end) {
            byte c = b[p++];
            append(c);
            if (c == '\n' && lineLength >= 4 && line[lineLength - 2] == '\r' && line[lineLength - 3] == '\n'
                    && line[lineLength - 4] == '\r') {
                parseHead(new String(line, 0, lineLength, StandardCharsets.ISO_8859_1));
                lineLength = 0;
                startBody();
                return p;
            }
            if (lineLength > MAX_HEAD_BYTES) {
                throw new IOException("response head larger than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return p;
    }

    private void append(byte c) {
        if (lineLength == line.length) {
            line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = c;
    }

    /** Status line and headers, parsed by hand: this runs for every answer the harness gets. */
    private void parseHead(String text) throws IOException {
        int lineEnd = text.indexOf("\r\n");
        String statusLine = text.substring(0, lineEnd);
        int firstSpace = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/1.") || firstSpace < 0 || statusLine.length() < firstSpace + 4) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        try {
            status = Integer.parseInt(statusLine, firstSpace + 1, firstSpace + 4, 10);
        } catch (NumberFormatException e) {
            throw new IOException("bad status code: " + statusLine, e);
        }
        headers = new HashMap<>();
        int from = lineEnd + 2;
        while (from < text.length()) {
            int to = text.indexOf("\r\n", from);
            if (to < 0) {
                to = text.length();
            }
            int colon = text.indexOf(':', from);
            if (colon > from && colon < to) {
                headers.put(text.substring(from, colon).trim().toLowerCase(Locale.ROOT),
                        text.substring(colon + 1, to).trim());
            }
            from = to + 2;
        }
    }

    private void startBody() throws IOException {
        streamed = sink.onHead(status, headers);
        body.reset();
        String encoding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            state = State.CHUNK_SIZE;
        } else if (length != null) {
            try {
                remaining = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + length, e);
            }
            if (remaining == 0) {
                complete();
            } else {
                state = State.FIXED;
            }
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            complete();
        } else {
            throw new IOException("response " + status + " has neither Content-Length nor chunked body");
        }
    }

    private int chunkSize(byte[] b, int p, int end) throws IOException {
        while (p < end) {
            byte c = b[p++];
            if (c == '\n') {
                String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1).trim();
                lineLength = 0;
                int semicolon = text.indexOf(';');
                try {
                    remaining = Long.parseLong(semicolon >= 0 ? text.substring(0, semicolon).trim() : text, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + text, e);
                }
                state = remaining == 0 ? State.TRAILER : State.CHUNK_DATA;
                return p;
            }
            append(c);
            if (lineLength > 1024) {
                throw new IOException("chunk size line too long");
            }
        }
        return p;
    }

    /** Trailer lines up to the empty one that ends a chunked body. */
    private int trailer(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p++];
            if (c == '\n') {
                boolean empty = lineLength == 0 || (lineLength == 1 && line[0] == '\r');
                lineLength = 0;
                if (empty) {
                    complete();
                    return p;
                }
            } else {
                append(c);
            }
        }
        return p;
    }

    private void body(byte[] b, int p, int n) throws IOException {
        if (streamed) {
            sink.onBody(b, p, n);
        } else {
            if (body.size() + n > MAX_COLLECTED_BODY) {
                throw new IOException("response body larger than " + MAX_COLLECTED_BODY + " bytes");
            }
            body.write(b, p, n);
        }
    }

    private void complete() {
        state = State.HEAD;
        Map<String, String> h = headers;
        byte[] content = body.size() == 0 ? new byte[0] : body.toByteArray();
        body.reset();
        headers = null;
        sink.onComplete(status, h, content);
    }
}
