package io.mezzo.api.master;

/** A master's identity and address, as published in ZooKeeper. */
public record MasterSnapshot(String id, String hostname, int port, String version) {
}
