package io.mezzo.bench.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The request line and fixed headers of a protobuf POST, encoded once and reused for every call
 * of a kind (e.g. all calls of one subscription, which share its {@code Mesos-Stream-Id}).
 */
public record RequestHead(byte[] bytes) {
    public static final String PROTOBUF = "application/x-protobuf";

    /** {@code streamId} may be null (a SUBSCRIBE). */
    public static RequestHead post(InetSocketAddress host, String path, String streamId) {
        StringBuilder b = new StringBuilder(200).append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host.getHostString()).append(':').append(host.getPort()).append("\r\n")
                .append("Content-Type: ").append(PROTOBUF).append("\r\n")
                .append("Accept: ").append(PROTOBUF).append("\r\n");
        if (streamId != null) {
            b.append("Mesos-Stream-Id: ").append(streamId).append("\r\n");
        }
        return new RequestHead(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
