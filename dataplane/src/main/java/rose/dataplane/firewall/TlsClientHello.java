package rose.dataplane.firewall;

/**
 * Finds the server name (SNI, RFC 6066 §3) in a TLS ClientHello (RFC 8446 §4.1.2, same layout
 * since TLS 1.0) that starts a TCP payload, for {@code tls-host=}. Every length is checked
 * against both its enclosing structure and the bytes actually present before it is followed; a
 * ClientHello spread over several segments is only read as far as this segment carries it, so an
 * SNI beyond the first segment is not seen (as RouterOS, which looks at single packets).
 *
 * <pre>
 * record:     type=22(1) version(2) length(2)
 * handshake:  type=1(1) length(3) client_version(2) random(32)
 *             session_id&lt;0..32&gt;(1+n) cipher_suites&lt;2..&gt;(2+n) compression_methods&lt;1..&gt;(1+n)
 *             extensions&lt;..&gt;(2+n): { type(2) length(2) data }
 * server_name (type 0): list_length(2) { name_type(1)=0 host_name&lt;1..&gt;(2+n) }
 * </pre>
 */
public final class TlsClientHello {
    private TlsClientHello() {}

    /**
     * The host name's offset and length in {@code b} as {@code (offset << 32) | length}, or -1 when
     * {@code [off, end)} does not start with a ClientHello carrying a host_name. Never throws.
     */
    public static long serverName(byte[] b, int off, int end) {
        if (off < 0 || end > b.length || end - off < 9) return -1;
        if ((b[off] & 0xff) != 22 || (b[off + 1] & 0xff) != 3) return -1;        // handshake record, TLS 1.x
        int recEnd = Math.min(end, off + 5 + u16(b, off + 3));
        int o = off + 5;
        if ((b[o] & 0xff) != 1) return -1;                                      // client_hello
        int hsEnd = Math.min(recEnd, o + 4 + u24(b, o + 1));
        o += 4 + 2 + 32;                                                         // version, random
        if (o + 1 > hsEnd) return -1;
        o += 1 + (b[o] & 0xff);                                                  // session_id
        if (o + 2 > hsEnd) return -1;
        o += 2 + u16(b, o);                                                      // cipher_suites
        if (o + 1 > hsEnd) return -1;
        o += 1 + (b[o] & 0xff);                                                  // compression_methods
        if (o + 2 > hsEnd) return -1;
        int extEnd = Math.min(hsEnd, o + 2 + u16(b, o));
        o += 2;
        while (o + 4 <= extEnd) {
            int type = u16(b, o), len = u16(b, o + 2);
            int data = o + 4;
            if (data + len > extEnd) return -1;
            if (type == 0) return hostName(b, data, data + len);
            o = data + len;
        }
        return -1;
    }

    private static long hostName(byte[] b, int o, int end) {
        if (o + 2 > end) return -1;
        int listEnd = Math.min(end, o + 2 + u16(b, o));
        o += 2;
        while (o + 3 <= listEnd) {
            int type = b[o] & 0xff, len = u16(b, o + 1);
            int name = o + 3;
            if (len == 0 || name + len > listEnd) return -1;
            if (type == 0) return ((long) name << 32) | len;
            o = name + len;
        }
        return -1;
    }

    private static int u16(byte[] b, int o) { return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff); }

    private static int u24(byte[] b, int o) { return ((b[o] & 0xff) << 16) | u16(b, o + 1); }
}
