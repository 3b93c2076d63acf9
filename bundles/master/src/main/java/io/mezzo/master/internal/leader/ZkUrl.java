package io.mezzo.master.internal.leader;

/** A Mesos-style ZooKeeper URL, {@code zk://host1:port1,host2:port2/path}. */
public record ZkUrl(String connectString, String path) {

    public static ZkUrl parse(String url) {
        if (url == null || !url.startsWith("zk://")) {
            throw new IllegalArgumentException("expected zk://host:port[,host:port]/path, got '" + url + "'");
        }
        String rest = url.substring("zk://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("ZooKeeper URL needs hosts and a path: '" + url + "'");
        }
        String path = rest.substring(slash);
        return new ZkUrl(rest.substring(0, slash), path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }
}
