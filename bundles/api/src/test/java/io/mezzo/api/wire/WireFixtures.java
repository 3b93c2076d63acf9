package io.mezzo.api.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds byte fixtures from hex groups and ASCII text, so each group can carry a comment. */
final class WireFixtures {
    private WireFixtures() {}

    /** Concatenates parts: a String starting with "'" is ASCII text, any other String is hex. */
    static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            if (part.startsWith("'")) {
                out.writeBytes(part.substring(1).getBytes(StandardCharsets.US_ASCII));
            } else {
                for (String hex : part.trim().split("\\s+")) {
                    out.write(Integer.parseInt(hex, 16));
                }
            }
        }
        return out.toByteArray();
    }

    /** The 16 bytes 00 11 22 ... ff, a recognisable UUID. */
    static byte[] uuid() {
        byte[] uuid = new byte[16];
        for (int i = 0; i < uuid.length; i++) {
            uuid[i] = (byte) (i * 0x11);
        }
        return uuid;
    }

    static final String UUID_HEX = "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff";
}
