package io.mezzo.zookeeper.embedded.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Mezzo embedded ZooKeeper",
        description = "A single ZooKeeper server run inside this container, for single-node and local clusters.")
public @interface ZooKeeperConfig {

    @AttributeDefinition(name = "Embedded", description = "Run a ZooKeeper server in this container.")
    boolean embedded() default true;

    @AttributeDefinition(name = "Host", description = "Address the server listens on.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "Client port.")
    int port() default 2181;

    @AttributeDefinition(name = "Data directory",
            description = "Snapshots and transaction logs; empty means ${karaf.data}/zookeeper.")
    String data_dir() default "";

    @AttributeDefinition(name = "Tick time (ms)",
            description = "ZooKeeper's time unit; sessions may time out between 2 and 20 ticks.")
    int tick_time() default 1000;

    @AttributeDefinition(name = "Start timeout (ms)", description = "How long to wait for the server to serve.")
    long start_timeout() default 30_000;
}
