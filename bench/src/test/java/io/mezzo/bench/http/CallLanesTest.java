package io.mezzo.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.codec.RecordIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a small raw-socket HTTP/1.1 server that echoes each request's body. */
class CallLanesTest {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final HttpReactor reactor = new HttpReactor("test-http", Duration.ofSeconds(10));

    CallLanesTest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        reactor.close();
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = server.accept();
                accepted.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "test-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // test over
        }
    }

    /** Answers each request in order: /stream opens a RecordIO stream of its body, twice; others echo 202. */
    private static void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = Integer.parseInt(header(head, "content-length"));
                byte[] body = in.readNBytes(length);
                if (head.startsWith("POST /stream ")) {
                    out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nMesos-Stream-Id: s-7\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    ByteArrayOutputStream records = new ByteArrayOutputStream();
                    RecordIO.write(records, body);
                    RecordIO.write(records, body);
                    byte[] r = records.toByteArray();
                    // both records in one chunk, split across two writes: boundaries mean nothing
                    out.write((Integer.toHexString(r.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(r, 0, 3);
                    out.flush();
                    out.write(r, 3, r.length - 3);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    in.read(); // hold the stream open until the client goes away
                    return;
                }
                out.write(("HTTP/1.1 202 Accepted\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int c; (c = in.read()) >= 0;) {
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + head);
    }

    @Test
    void manyCallsArePipelinedOverFewConnectionsAndEachGetsItsOwnAnswer() throws InterruptedException {
        CallLanes lanes = new CallLanes(reactor, address(), 2, 8);
        RequestHead head = RequestHead.post(address(), "/call", "s-1");
        int calls = 500;
        List<String> mismatches = new CopyOnWriteArrayList<>();
        CountDownLatch answered = new CountDownLatch(calls);
        for (int i = 0; i < calls; i++) {
            String sent = "call-" + i;
            lanes.post(head, sent.getBytes(StandardCharsets.UTF_8), new HttpConnection.Handler() {
                @Override
                public void onResponse(int status, Map<String, String> headers, byte[] body) {
                    String echoed = new String(body, StandardCharsets.UTF_8);
                    if (status != 202 || !echoed.equals(sent)) {
                        mismatches.add(sent + " got " + status + " " + echoed);
                    }
                    answered.countDown();
                }

                @Override
                public void onFailure(IOException cause) {
                    mismatches.add(sent + " failed: " + cause);
                    answered.countDown();
                }
            });
        }
        assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mismatches).isEmpty();
        assertThat(connections.get()).isEqualTo(2);
        assertThat(lanes.backlog()).isZero();
    }

    @Test
    void aStreamHandsOverItsRecordsWhateverTheChunking() throws Exception {
        List<String> records = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        List<IOException> ends = new ArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        RecordStream stream = RecordStream.subscribe(reactor, address(), "/stream",
                "event".getBytes(StandardCharsets.UTF_8), new RecordStream.Listener() {
                    @Override
                    public void onRecords(List<byte[]> batch) {
                        batch.forEach(r -> {
                            records.add(new String(r, StandardCharsets.UTF_8));
                            two.countDown();
                        });
                    }

                    @Override
                    public void onClosed(IOException cause) {
                        ends.add(cause);
                        ended.countDown();
                    }
                }).get(10, TimeUnit.SECONDS);

        assertThat(stream.streamId()).isEqualTo("s-7");
        assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(records).containsExactly("event", "event");
        stream.close();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ends).containsExactly((IOException) null);
    }

    @Test
    void anUnreachableServerFailsTheCallInsteadOfHanging() throws Exception {
        // port 0 refuses every connection; a port just closed might be taken by another process
        InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        CallLanes lanes = new CallLanes(reactor, nowhere, 1, 1);
        CountDownLatch failed = new CountDownLatch(1);
        lanes.post(RequestHead.post(nowhere, "/call", null), new byte[0], new HttpConnection.Handler() {
            @Override
            public void onResponse(int status, Map<String, String> headers, byte[] body) {
                // not expected: the assertion below fails
            }

            @Override
            public void onFailure(IOException cause) {
                failed.countDown();
            }
        });
        assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
