package rose.dataplane.firewall;

/**
 * Recognises a peer-to-peer protocol from the payload of one packet near the start of a
 * connection, by the signatures the protocols' public descriptions give (as ipp2p and l7-filter
 * match them). Reads only inside {@code [off, end)}, checks every length before using it,
 * allocates nothing and never throws: the bytes come from the network.
 * <ul>
 *   <li>bit-torrent: the peer handshake {@code \x13BitTorrent protocol} (BEP 3); a tracker
 *       {@code GET /announce?}/{@code /scrape?} with {@code info_hash=} (BEP 3); a DHT KRPC
 *       bencoded dictionary with {@code 1:y1:q|r|e} (BEP 5); a UDP tracker connect request with
 *       the protocol id 0x41727101980 (BEP 15).</li>
 *   <li>edonkey: a TCP message {@code 0xe3|0xc5|0xd4}, little-endian length, opcode, the length
 *       matching the segment; UDP {@code 0xe3} server and {@code 0xc5} eMule messages with their
 *       opcodes, Kademlia {@code 0xe4} and zlib-packed {@code 0xe5}.</li>
 *   <li>gnutella: {@code GNUTELLA CONNECT/}, the answer {@code GNUTELLA/0.}, a push {@code GIV n:}
 *       (Gnutella 0.6).</li>
 *   <li>direct-connect: an NMDC command ({@code $MyNick}, {@code $Lock}, {@code $Key},
 *       {@code $Supports}, {@code $ValidateNick}, {@code $Hello}, {@code $Direction}) ended by {@code |}.</li>
 *   <li>soulseek: a length-prefixed message whose length is the segment's: server login (code 1
 *       with user name and password strings), peer init (code 1 byte, user, type P/F/D, token),
 *       pierce firewall (code 0, token).</li>
 *   <li>fasttrack: KaZaA's {@code GET /.hash=} download and {@code X-Kazaa-} HTTP headers.</li>
 *   <li>winmx: the bare {@code SEND} or {@code GET} a WinMX client opens a transfer with.</li>
 * </ul>
 */
public final class P2pClassifier {
    private P2pClassifier() {}

    public static final int BIT_TORRENT = 1, EDONKEY = 1 << 1, GNUTELLA = 1 << 2, DIRECT_CONNECT = 1 << 3, SOULSEEK = 1 << 4,
            FASTTRACK = 1 << 5, WINMX = 1 << 6;
    public static final int ALL = BIT_TORRENT | EDONKEY | GNUTELLA | DIRECT_CONNECT | SOULSEEK | FASTTRACK | WINMX;

    private static final byte[] BT_HANDSHAKE = ascii("\u0013BitTorrent protocol");
    private static final byte[] GET = ascii("GET "), ANNOUNCE = ascii("GET /announce"), SCRAPE = ascii("GET /scrape"),
            INFO_HASH = ascii("info_hash="), KRPC_Y = ascii("1:y1:"), GNUTELLA_CONNECT = ascii("GNUTELLA CONNECT/"),
            GNUTELLA_OK = ascii("GNUTELLA/0."), GIV = ascii("GIV "), KAZAA_HASH = ascii("GET /.hash="),
            KAZAA_HEADER = ascii("\r\nX-Kazaa-"), HTTP = ascii("HTTP/1."), SEND = ascii("SEND");
    private static final byte[][] NMDC = {ascii("$MyNick "), ascii("$Lock "), ascii("$Key "), ascii("$Supports "),
            ascii("$ValidateNick "), ascii("$Hello "), ascii("$Direction ")};
    /** How far into a payload the text signatures are searched. */
    private static final int SEARCH = 1024;

    /** The protocol bit the payload {@code [off, end)} of a {@code proto} packet shows, or 0. */
    public static int classify(int proto, byte[] b, int off, int end) {
        if (b == null || off < 0 || end > b.length || end - off <= 0) return 0;
        if (proto == Protocols.TCP) return tcp(b, off, end);
        if (proto == Protocols.UDP) return udp(b, off, end);
        return 0;
    }

    private static int tcp(byte[] b, int off, int end) {
        int len = end - off;
        if (starts(b, off, end, BT_HANDSHAKE)) return BIT_TORRENT;
        if ((starts(b, off, end, ANNOUNCE) || starts(b, off, end, SCRAPE)) && find(b, off, end, INFO_HASH)) return BIT_TORRENT;
        if (starts(b, off, end, GNUTELLA_CONNECT) || starts(b, off, end, GNUTELLA_OK)) return GNUTELLA;
        if (starts(b, off, end, GIV) && len > 4 && digit(b[off + 4])) return GNUTELLA;
        if (b[off] == '$' && nmdc(b, off, end)) return DIRECT_CONNECT;
        if (starts(b, off, end, KAZAA_HASH)) return FASTTRACK;
        if ((starts(b, off, end, GET) || starts(b, off, end, HTTP)) && find(b, off, end, KAZAA_HEADER)) return FASTTRACK;
        if ((len == 4 && starts(b, off, end, SEND)) || (len == 3 && b[off] == 'G' && b[off + 1] == 'E' && b[off + 2] == 'T')) return WINMX;
        if (edonkeyTcp(b, off, end)) return EDONKEY;
        if (soulseek(b, off, end)) return SOULSEEK;
        return 0;
    }

    private static int udp(byte[] b, int off, int end) {
        int len = end - off;
        if (b[off] == 'd' && b[end - 1] == 'e' && krpc(b, off, end)) return BIT_TORRENT;
        // BEP 15 connect request: protocol id 0x41727101980, action 0 (connect), transaction id
        if (len == 16 && i32(b, off) == 0x417 && i32(b, off + 4) == 0x27101980 && i32(b, off + 8) == 0) return BIT_TORRENT;
        if (len >= 2 && edonkeyUdp(b[off] & 0xff, b[off + 1] & 0xff, len >= 3 ? b[off + 2] & 0xff : -1)) return EDONKEY;
        return 0;
    }

    /** A KRPC message: a bencoded dictionary whose {@code y} key says query, response or error. */
    private static boolean krpc(byte[] b, int off, int end) {
        int stop = Math.min(end, off + SEARCH) - KRPC_Y.length;
        for (int i = off + 1; i < stop; i++) {
            if (match(b, i, KRPC_Y)) {
                byte t = b[i + KRPC_Y.length];
                return t == 'q' || t == 'r' || t == 'e';
            }
        }
        return false;
    }

    /** A whole eDonkey/eMule message (or several) starting the segment: protocol byte, LE32 size, opcode. */
    private static boolean edonkeyTcp(byte[] b, int off, int end) {
        int p = off;
        int messages = 0;
        while (p < end) {
            int proto = b[p] & 0xff;
            if (proto != 0xe3 && proto != 0xc5 && proto != 0xd4) return false;
            if (end - p < 6) return false;
            long size = Integer.toUnsignedLong(le32(b, p + 1));
            if (size < 1 || size > end - p - 5) return false;
            p += 5 + (int) size;
            if (++messages == 8) break;   // enough: the segment is eDonkey
        }
        return messages > 0;
    }

    private static boolean edonkeyUdp(int proto, int opcode, int third) {
        switch (proto) {
            case 0xe3:   // server UDP: search, sources, status, description, server list
                return opcode == 0x90 || opcode == 0x92 || opcode == 0x94 || (opcode >= 0x96 && opcode <= 0x9b)
                        || (opcode >= 0xa2 && opcode <= 0xa5);
            case 0xc5:   // eMule UDP: reask, ack, file not found, queue full, callbacks, port test
                return (opcode >= 0x90 && opcode <= 0x95) || opcode == 0xfe;
            case 0xe4:   // Kademlia (1 and 2): bootstrap, hello, request, search, publish, firewalled, ping
                return KAD_OPCODES.indexOf((char) opcode) >= 0;
            case 0xe5:   // Kademlia packed: opcode, then a zlib stream (CMF 0x78)
                return KAD_OPCODES.indexOf((char) opcode) >= 0 && third == 0x78;
            default:
                return false;
        }
    }

    private static final String KAD_OPCODES = "\u0000\u0001\u0008\u0009\u0010\u0011\u0018\u0019\u0020\u0021\u0028\u0029"
            + "\u0030\u0032\u0033\u0034\u0035\u0038\u003a\u003b\u0040\u0041\u0042\u0043\u0044\u0048\u004a\u004b\u004c"
            + "\u0050\u0051\u0052\u0053\u0058\u0059\u005a\u0060\u0061";

    /** NMDC: a known {@code $Command } whose terminating {@code |} is in the segment. */
    private static boolean nmdc(byte[] b, int off, int end) {
        for (byte[] cmd : NMDC) {
            if (!starts(b, off, end, cmd)) continue;
            int stop = Math.min(end, off + SEARCH);
            for (int i = off + cmd.length; i < stop; i++) if (b[i] == '|') return true;
            return false;
        }
        return false;
    }

    /** Soulseek: LE32 length equal to the rest of the segment, then a login, peer-init or pierce-firewall message. */
    private static boolean soulseek(byte[] b, int off, int end) {
        int len = end - off;
        if (len < 9 || Integer.toUnsignedLong(le32(b, off)) != len - 4) return false;
        if (len == 9 && b[off + 4] == 0) return true;                          // pierce firewall: code 0, token
        if (b[off + 4] == 1) {
            // peer init: code 1 (one byte), user name string, connection type "P" "F" or "D", token
            long user = Integer.toUnsignedLong(le32(b, off + 5));
            if (user >= 1 && user <= 64 && 9 + user + 4 + 1 + 4 == len && le32(b, off + 9 + (int) user) == 1) {
                byte type = b[off + 13 + (int) user];
                if (type == 'P' || type == 'F' || type == 'D') return true;
            }
            // server login: code 1 (four bytes), user name and password strings, version, ...
            if (len >= 16 && le32(b, off + 4) == 1) {
                long u = Integer.toUnsignedLong(le32(b, off + 8));
                if (u < 1 || u > 64 || 12 + u + 4 > len) return false;
                long pw = Integer.toUnsignedLong(le32(b, off + 12 + (int) u));
                return pw <= 256 && 16 + u + pw + 4 <= len;
            }
        }
        return false;
    }

    private static boolean starts(byte[] b, int off, int end, byte[] s) { return end - off >= s.length && match(b, off, s); }

    private static boolean match(byte[] b, int at, byte[] s) {
        for (int i = 0; i < s.length; i++) if (b[at + i] != s[i]) return false;
        return true;
    }

    private static boolean find(byte[] b, int off, int end, byte[] s) {
        int stop = Math.min(end, off + SEARCH) - s.length;
        for (int i = off; i <= stop; i++) if (match(b, i, s)) return true;
        return false;
    }

    private static boolean digit(byte c) { return c >= '0' && c <= '9'; }

    private static int i32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static byte[] ascii(String s) { return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); }
}
