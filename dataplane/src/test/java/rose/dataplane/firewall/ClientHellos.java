package rose.dataplane.firewall;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** TLS ClientHello records for tests, laid out as RFC 8446 §4.1.2 says (and as browsers send them). */
public final class ClientHellos {
    private ClientHellos() {}

    /** A TLS 1.2-style ClientHello record with a session id, two suites, an extension before SNI, and SNI {@code host}. */
    public static byte[] withSni(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 0x000a); u16(ext, 4); u16(ext, 2); u16(ext, 0x001d);          // supported_groups: x25519
        u16(ext, 0x0000); u16(ext, name.length + 5); u16(ext, name.length + 3); // server_name
        ext.write(0); u16(ext, name.length); ext.writeBytes(name);
        return record(ext.toByteArray());
    }

    /** A ClientHello with no server_name extension. */
    public static byte[] withoutSni() {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 0x000a); u16(ext, 4); u16(ext, 2); u16(ext, 0x001d);
        return record(ext.toByteArray());
    }

    private static byte[] record(byte[] extensions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 0x0303);
        body.writeBytes(new byte[32]);                                          // random
        body.write(32); body.writeBytes(new byte[32]);                          // session id
        u16(body, 4); u16(body, 0x1301); u16(body, 0xc02f);                     // cipher suites
        body.write(1); body.write(0);                                           // null compression
        u16(body, extensions.length); body.writeBytes(extensions);
        byte[] hs = body.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(22); u16(rec, 0x0301); u16(rec, hs.length + 4);
        rec.write(1); rec.write(hs.length >>> 16); u16(rec, hs.length & 0xffff);
        rec.writeBytes(hs);
        return rec.toByteArray();
    }

    private static void u16(ByteArrayOutputStream o, int v) { o.write(v >>> 8); o.write(v); }
}
