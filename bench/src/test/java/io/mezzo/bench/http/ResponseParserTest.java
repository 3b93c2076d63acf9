package io.mezzo.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private static final String ACCEPTED = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
    private static final String REFUSED = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 11\r\n\r\nbad request";
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nMesos-Stream-Id: s1\r\n\r\n"
            + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n";

    /** Records what the parser hands over; streams the body of 200 answers if asked to. */
    private static final class Recorder implements ResponseParser.Sink {
        final boolean stream;
        final List<String> completed = new ArrayList<>();
        final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        Map<String, String> lastHeaders;

        Recorder(boolean stream) {
            this.stream = stream;
        }

        @Override
        public boolean onHead(int status, Map<String, String> headers) {
            lastHeaders = headers;
            return stream && status == 200;
        }

        @Override
        public void onBody(byte[] bytes, int offset, int length) {
            streamed.write(bytes, offset, length);
        }

        @Override
        public void onComplete(int status, Map<String, String> headers, byte[] body) {
            completed.add(status + ":" + new String(body, StandardCharsets.UTF_8));
        }
    }

    private static Recorder feedInPieces(String wire, int piece, boolean stream) throws IOException {
        Recorder r = new Recorder(stream);
        ResponseParser parser = new ResponseParser(r);
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += piece) {
            parser.feed(bytes, i, Math.min(piece, bytes.length - i));
        }
        assertThat(parser.isIdle()).isTrue();
        return r;
    }

    @Test
    void pipelinedAnswersComeOutInOrderHoweverTheBytesAreSplit() throws IOException {
        String wire = ACCEPTED + REFUSED + CHUNKED + ACCEPTED;
        for (int piece = 1; piece <= wire.length(); piece++) {
            Recorder r = feedInPieces(wire, piece, false);
            assertThat(r.completed).as("pieces of %d bytes", piece)
                    .containsExactly("202:", "400:bad request", "200:hello, world", "202:");
        }
    }

    @Test
    void aStreamedBodyIsHandedOverAsItArrivesAndHeadersAreCaseInsensitive() throws IOException {
        Recorder r = feedInPieces(CHUNKED, 3, true);
        assertThat(r.streamed.toString(StandardCharsets.UTF_8)).isEqualTo("hello, world");
        assertThat(r.completed).containsExactly("200:");
        assertThat(r.lastHeaders).containsEntry("mesos-stream-id", "s1");
    }

    @Test
    void malformedAnswersAreRefused() {
        assertThatThrownBy(() -> feedInPieces("SSH-2.0-OpenSSH\r\n\r\n", 100, false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> feedInPieces("HTTP/1.1 200 OK\r\n\r\n", 100, false))
                .hasMessageContaining("neither Content-Length nor chunked");
        assertThatThrownBy(() -> feedInPieces("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100,
                false)).hasMessageContaining("bad chunk size");
        assertThatThrownBy(() -> feedInPieces("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX", 100,
                false)).hasMessageContaining("no CRLF after its data");
    }
}
