package io.mezzo.zookeeper.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ZooKeeper server's figures as its {@code mntr} four-letter command reports them
 * ({@code zk_avg_latency}, {@code zk_znode_count}, …): the server's own counters, asked over its
 * client port the way monitoring tools do, so nothing depends on ZooKeeper's internal classes.
 */
record ServerStats(Map<String, String> values) {
    static final ServerStats NONE = new ServerStats(Map.of());

    /** Asks the server at {@code host:port}; fails if it does not answer within {@code timeoutMs}. */
    static ServerStats query(String host, int port, int timeoutMs) throws IOException {
        return parse(fourLetterWord(host, port, "mntr", timeoutMs));
    }

    /** Whether the server says it is running without error ({@code ruok} → {@code imok}). */
    static boolean isOk(String host, int port, int timeoutMs) {
        try {
            return "imok".equals(fourLetterWord(host, port, "ruok", timeoutMs).trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code mntr} output: one {@code key<TAB>value} a line. */
    static ServerStats parse(String mntr) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : mntr.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                values.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
            }
        }
        return new ServerStats(Map.copyOf(values));
    }

    String text(String key) {
        return values.getOrDefault(key, "");
    }

    long number(String key) {
        String value = values.get(key);
        if (value == null) {
            return 0;
        }
        try {
            return Math.round(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    double decimal(String key) {
        try {
            return Double.parseDouble(values.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String fourLetterWord(String host, int port, String word, int timeoutMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes after answering
        }
    }
}
