package io.mezzo.agent.internal.detect;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the agent finds its master, in Mesos' syntax: {@code zk://host1:port1,host2:port2/path}
 * (leader election in ZooKeeper) or a fixed {@code host:port} (tests, single master without
 * ZooKeeper). Exactly one of {@link #zooKeeper()} and {@link #fixed()} is present.
 */
public final class MasterUrl {
    private static final String ZK_SCHEME = "zk://";

    private final ZooKeeperAddress zooKeeper;
    private final URI fixed;

    private MasterUrl(ZooKeeperAddress zooKeeper, URI fixed) {
        this.zooKeeper = zooKeeper;
        this.fixed = fixed;
    }

    /** A ZooKeeper ensemble (Curator connect string) and the election's root path. */
    public record ZooKeeperAddress(String connectString, String path) {
        /** The znode under which the masters' leader latch participants live. */
        public String leaderPath() {
            return path.equals("/") ? "/leader" : path + "/leader";
        }
    }

    public static MasterUrl parse(String value) {
        String url = Objects.requireNonNull(value, "master").trim();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("master must not be empty");
        }
        if (url.startsWith(ZK_SCHEME)) {
            return new MasterUrl(parseZooKeeper(url.substring(ZK_SCHEME.length()), url), null);
        }
        String hostPort = url.startsWith("http://") ? url.substring("http://".length()) : url;
        if (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        requireHostPort(hostPort, url);
        return new MasterUrl(null, URI.create("http://" + hostPort));
    }

    private static ZooKeeperAddress parseZooKeeper(String rest, String url) {
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no ZooKeeper hosts in " + url);
        }
        for (String hostPort : hosts.split(",")) {
            requireHostPort(hostPort, url);
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new ZooKeeperAddress(hosts, path);
    }

    private static void requireHostPort(String hostPort, String url) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port in " + url + ", got '" + hostPort + "'");
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in " + url);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + url, e);
        }
    }

    public Optional<ZooKeeperAddress> zooKeeper() {
        return Optional.ofNullable(zooKeeper);
    }

    /** The master's base URL ({@code http://host:port}) for a fixed master. */
    public Optional<URI> fixed() {
        return Optional.ofNullable(fixed);
    }

    @Override
    public String toString() {
        return zooKeeper != null ? ZK_SCHEME + zooKeeper.connectString() + zooKeeper.path() : fixed.toString();
    }
}
