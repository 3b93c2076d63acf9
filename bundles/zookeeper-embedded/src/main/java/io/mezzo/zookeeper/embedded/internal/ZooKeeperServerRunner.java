package io.mezzo.zookeeper.embedded.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * One real standalone ZooKeeper server: plain Java, no OSGi, so tests run it directly.
 */
final class ZooKeeperServerRunner implements AutoCloseable {
    private final ZooKeeperServerEmbedded server;
    private final String connectString;

    private ZooKeeperServerRunner(ZooKeeperServerEmbedded server, String connectString) {
        this.server = server;
        this.connectString = connectString;
    }

    static ZooKeeperServerRunner start(String host, int port, Path dataDir, int tickTime, long startTimeoutMs)
            throws Exception {
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("clientPort", Integer.toString(port));
        p.setProperty("clientPortAddress", host);
        p.setProperty("dataDir", dataDir.resolve("data").toString());
        p.setProperty("tickTime", Integer.toString(tickTime));
        p.setProperty("admin.enableServer", "false");
        p.setProperty("4lw.commands.whitelist", "ruok,stat,mntr,srvr");
        // ZooKeeper loads its metrics provider and other plug-ins through the thread context class loader;
        // inside OSGi that must be the ZooKeeper bundle's loader.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(ZooKeeperServerEmbedded.class.getClassLoader());
        ZooKeeperServerEmbedded server = null;
        try {
            server = ZooKeeperServerEmbedded.builder()
                    .baseDir(dataDir)
                    .configuration(p)
                    .exitHandler(ExitHandler.LOG_ONLY)
                    .build();
            server.start(startTimeoutMs);
            return new ZooKeeperServerRunner(server, host + ":" + port);
        } catch (Exception | Error e) {
            if (server != null) {
                server.close(); // release the port so a retry can bind it
            }
            throw e;
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** {@code host:port}, as a ZooKeeper client wants it. */
    String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        server.close();
    }
}
