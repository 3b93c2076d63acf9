package io.mezzo.agent.internal.detect;

import io.mezzo.api.codec.CodecException;
import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.v1.Protos.MasterInfo;
import java.net.URI;

/** Reads a leader znode's MasterInfo (JSON, as the masters write it) into the master's base URL. */
public final class MasterInfos {

    private MasterInfos() {
    }

    public static MasterInfo decode(byte[] json) throws CodecException {
        return JsonCodec.fromJson(json, MasterInfo.getDefaultInstance());
    }

    /**
     * {@code http://host:port} of a master: the address' hostname, else the hostname, else the
     * address' ip, else the packed ip (network byte order, as Mesos packs it).
     */
    public static URI baseUri(MasterInfo info) {
        String host;
        int port = info.hasAddress() ? info.getAddress().getPort() : info.getPort();
        if (info.hasAddress() && !info.getAddress().getHostname().isEmpty()) {
            host = info.getAddress().getHostname();
        } else if (!info.getHostname().isEmpty()) {
            host = info.getHostname();
        } else if (info.hasAddress() && !info.getAddress().getIp().isEmpty()) {
            host = info.getAddress().getIp();
        } else {
            int ip = info.getIp();
            // network order: the first octet is the lowest byte of the little-endian integer
            host = (ip & 0xff) + "." + ((ip >> 8) & 0xff) + "." + ((ip >> 16) & 0xff) + "." + ((ip >>> 24) & 0xff);
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
