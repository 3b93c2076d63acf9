package io.mezzo.master.internal.http;

import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Reads call bodies for both APIs under the master's size limit. */
final class RequestBodies {
    /**
     * What is read and thrown away after a 413 at most. Past it (or past {@link #LINGER_NANOS}) the
     * connection is closed with the rest unread, and the client may not see the 413.
     */
    static final long LINGER_BYTES = 256L * 1024 * 1024;
    static final long LINGER_NANOS = 5_000_000_000L;

    private RequestBodies() {
    }

    /**
     * Reads the body up to {@code max} bytes; answers 413 or 400 and returns null otherwise. With
     * a Content-Length (every call of a well-behaved client) the body is read into an array of
     * exactly its size rather than through growing buffers.
     */
    static byte[] read(HttpServletRequest req, HttpServletResponse resp, int max) throws IOException {
        long length = req.getContentLengthLong();
        if (length > max) {
            refuseTooLarge(req, resp, max);
            return null;
        }
        if (length >= 0) {
            byte[] body = new byte[(int) length];
            int read = req.getInputStream().readNBytes(body, 0, body.length);
            if (read < body.length) {
                StreamingApiServlet.reply(resp, 400, "Request body ended after " + read + " of " + length + " bytes");
                return null;
            }
            return body;
        }
        byte[] body = req.getInputStream().readNBytes(max + 1);
        if (body.length > max) {
            refuseTooLarge(req, resp, max);
            return null;
        }
        return body;
    }

    /**
     * Answers 413 and then reads on what the client still sends, like nginx's lingering close:
     * closing a socket with unread input makes the kernel reset the connection, and the reset
     * throws away the 413 before a client that is still uploading has read it.
     */
    private static void refuseTooLarge(HttpServletRequest req, HttpServletResponse resp, int max)
            throws IOException {
        resp.setHeader("Connection", "close");
        StreamingApiServlet.reply(resp, 413, "Request body exceeds " + max + " bytes");
        resp.flushBuffer();
        discard(req.getInputStream(), LINGER_BYTES, System.nanoTime() + LINGER_NANOS);
    }

    static void discard(InputStream in, long maxBytes, long deadlineNanos) {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while (total < maxBytes && System.nanoTime() < deadlineNanos && (n = in.read(sink)) >= 0) {
                total += n;
            }
        } catch (IOException clientGaveUp) {
            // the client closed once it had the answer: nothing left to drain
        }
    }
}
