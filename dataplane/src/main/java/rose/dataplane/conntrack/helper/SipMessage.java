package rose.dataplane.conntrack.helper;

/**
 * One SIP message (RFC 3261) in a UDP payload, with its SDP body (RFC 4566), read as far as
 * Linux's {@code nf_conntrack_sip} reads it: the start line, the headers that carry the
 * sender's address ({@code Via}, {@code Contact}, and a request's URI), {@code Content-Length}
 * and {@code Content-Type}, and from an SDP body the {@code o=} and {@code c=} addresses and the
 * {@code m=} ports. Only IPv4 literals count; a host name is nothing a router can translate.
 *
 * <p>Every place a NAT rewrite may touch is a <em>spot</em> ({@link #spotStart}/{@link #spotEnd},
 * in text order): {@link #URI} spans {@code host[:port]}, {@link #SDP_ADDR} an address,
 * {@link #SDP_PORT} a media port, {@link #VIA_RECEIVED}/{@link #VIA_RPORT} the top Via's
 * {@code received=} address and {@code rport=} port. Header names are case-insensitive and may be compact
 * ({@code v}, {@code m}, {@code l}, {@code c}). Every offset is checked against the end before a
 * byte is read; a malformed message is not SIP (false), never an exception. One per worker,
 * reused: nothing is allocated per packet.
 */
final class SipMessage {
    static final int MAX_SPOTS = 24, MAX_MEDIA = 8;
    /** Methods the helper acts on; everything else is {@link #OTHER}. */
    static final int OTHER = 0, INVITE = 1, ACK = 2, BYE = 3, CANCEL = 4, REGISTER = 5;
    /** Spot kinds. */
    static final int URI = 0, SDP_ADDR = 1, SDP_PORT = 2, VIA_RECEIVED = 3, VIA_RPORT = 4;
    static final int DEFAULT_PORT = 5060;

    boolean request;
    int method;
    int status;
    /** The body: the rest of the datagram, or Content-Length bytes of it. */
    int bodyStart, bodyEnd;
    boolean sdp;
    /** The Content-Length digits, or -1 when the header is absent. */
    int lengthStart, lengthEnd, contentLength;

    int spots;
    final int[] spotKind = new int[MAX_SPOTS], spotStart = new int[MAX_SPOTS], spotEnd = new int[MAX_SPOTS];
    final int[] spotAddr = new int[MAX_SPOTS], spotPort = new int[MAX_SPOTS];
    /** A URI spot whose port was written ({@code host:port}); absent means 5060. */
    final boolean[] spotHasPort = new boolean[MAX_SPOTS];
    /** For an {@link #SDP_PORT} spot: its media index. */
    final int[] spotMedia = new int[MAX_SPOTS];

    int media;
    final int[] mediaPort = new int[MAX_MEDIA];
    /** The address a medium is sent to: its own c=, else the session's; 0 when none was given. */
    final int[] mediaAddr = new int[MAX_MEDIA];

    private int sessionAddr;
    private boolean viaSeen, contactSeen;

    /** Reads {@code b[from, to)}; false when it is not a well-formed SIP message. */
    boolean parse(byte[] b, int from, int to) {
        request = false; method = OTHER; status = 0; sdp = false; lengthStart = -1; lengthEnd = -1; contentLength = -1;
        spots = 0; media = 0; sessionAddr = 0; viaSeen = false; contactSeen = false; bodyStart = to; bodyEnd = to;
        if (from < 0 || to > b.length || to - from < 12) return false;
        int eol = lineEnd(b, from, to);
        if (eol == to) return false;
        if (!startLine(b, from, eol)) return false;
        int at = next(b, eol, to);
        boolean sdpType = false;
        while (true) {
            if (at >= to) return false;                       // no empty line: the headers are cut
            eol = lineEnd(b, at, to);
            if (eol == at) { at = next(b, eol, to); break; }  // the empty line: the body follows
            if (b[at] != ' ' && b[at] != '\t') {              // a continuation line belongs to the header before
                int colon = indexOf(b, at, eol, ':');
                if (colon < 0) return false;
                int nameEnd = colon;
                while (nameEnd > at && (b[nameEnd - 1] == ' ' || b[nameEnd - 1] == '\t')) nameEnd--;
                int v = skipSpace(b, colon + 1, eol);
                if (name(b, at, nameEnd, "via", "v")) {
                    if (!viaSeen) via(b, v, eol);
                    viaSeen = true;                           // only the top Via is the sender's
                } else if (name(b, at, nameEnd, "contact", "m")) {
                    if (!contactSeen) uri(b, v, eol);
                    contactSeen = true;
                } else if (name(b, at, nameEnd, "content-length", "l")) {
                    int e = v;
                    long n = 0;
                    while (e < eol && digit(b[e]) && e - v < 6) n = n * 10 + (b[e++] - '0');
                    if (e == v) return false;
                    lengthStart = v; lengthEnd = e; contentLength = (int) n;
                } else if (name(b, at, nameEnd, "content-type", "c")) {
                    sdpType = contains(b, v, eol, "application/sdp");
                }
            }
            at = next(b, eol, to);
        }
        bodyStart = Math.min(at, to);
        if (contentLength >= 0) {
            if (contentLength > to - bodyStart) return false;   // a cut message: nothing in it is trustworthy
            bodyEnd = bodyStart + contentLength;
        }
        if (sdpType && bodyEnd > bodyStart) sdp(b, bodyStart, bodyEnd);
        return true;
    }

    // ---- start line --------------------------------------------------------------------

    private boolean startLine(byte[] b, int from, int eol) {
        if (starts(b, from, eol, "SIP/2.0 ")) {
            int p = from + 8;
            if (eol - p < 3 || !digit(b[p]) || !digit(b[p + 1]) || !digit(b[p + 2])) return false;
            status = (b[p] - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
            return status >= 100 && status <= 699;
        }
        int sp = indexOf(b, from, eol, ' ');
        if (sp <= from) return false;
        int sp2 = indexOf(b, sp + 1, eol, ' ');
        if (sp2 < 0 || eol - sp2 != 8 || !starts(b, sp2 + 1, eol, "SIP/2.0")) return false;
        request = true;
        method = starts(b, from, sp, "INVITE") && sp - from == 6 ? INVITE
                : starts(b, from, sp, "ACK") && sp - from == 3 ? ACK
                : starts(b, from, sp, "BYE") && sp - from == 3 ? BYE
                : starts(b, from, sp, "CANCEL") && sp - from == 6 ? CANCEL
                : starts(b, from, sp, "REGISTER") && sp - from == 8 ? REGISTER : OTHER;
        uri(b, sp + 1, sp2);
        return true;
    }

    // ---- headers -----------------------------------------------------------------------

    /**
     * {@code SIP/2.0/UDP host[:port];params}: the sent-by after the protocol, and the
     * {@code received=} and {@code rport=} parameters a server adds (RFC 3261 §18.2.1, RFC 3581),
     * which name the sender as the server saw it. The rport spot carries the address it belongs
     * to: {@code received=}, else the sent-by host.
     */
    private void via(byte[] b, int v, int eol) {
        int p = v;
        while (p < eol && b[p] != ' ' && b[p] != '\t') p++;
        p = skipSpace(b, p, eol);
        int before = spots;
        int end = host(b, p, eol);
        if (end < 0) return;
        int hostAddr = spots > before ? spotAddr[spots - 1] : 0, received = 0, rport = -1;
        for (int q = end; q < eol && b[q] != ','; q++) {
            if (b[q] != ';') continue;
            int n = skipSpace(b, q + 1, eol);
            if (starts(b, n, eol, "received=")) {
                long a = ipv4(b, n + 9, eol);
                int e = (int) (a >>> 32);
                if (a >= 0 && (e == eol || b[e] == ';' || b[e] == ',' || b[e] == ' ')) {
                    received = (int) a;
                    spot(VIA_RECEIVED, n + 9, e, received, 0, false, -1);
                }
            } else if (starts(b, n, eol, "rport=")) {
                int s = n + 6, e = s, port = 0;
                while (e < eol && digit(b[e]) && e - s < 5) port = port * 10 + (b[e++] - '0');
                if (e > s && port > 0 && port <= 65535 && (e == eol || b[e] == ';' || b[e] == ',' || b[e] == ' ')) {
                    rport = spots;
                    spot(VIA_RPORT, s, e, 0, port, true, -1);
                }
            }
        }
        if (rport >= 0 && rport < spots && spotKind[rport] == VIA_RPORT) spotAddr[rport] = received != 0 ? received : hostAddr;
    }

    /** The host of the first {@code sip:}/{@code sips:} URI in {@code [v, eol)}. */
    private void uri(byte[] b, int v, int eol) {
        int p = -1;
        for (int q = v; q + 4 <= eol; q++) {
            if (starts(b, q, eol, "sip:")) { p = q + 4; break; }
            if (starts(b, q, eol, "sips:")) { p = q + 5; break; }
        }
        if (p < 0) return;
        int h = p;
        for (int q = p; q < eol; q++) {                     // a user part ends at '@'
            byte c = b[q];
            if (c == '@') { h = q + 1; break; }
            if (c == '>' || c == ' ' || c == ',' || c == '?') break;
        }
        host(b, h, eol);
    }

    /** An IPv4 literal host, optionally {@code :port}, recorded as a URI spot; its end, or -1. */
    private int host(byte[] b, int p, int eol) {
        long a = ipv4(b, p, eol);
        if (a < 0) return -1;
        int end = (int) (a >>> 32);
        int port = DEFAULT_PORT;
        boolean hasPort = false;
        if (end < eol && b[end] == ':') {
            int q = end + 1, n = 0;
            while (q < eol && digit(b[q]) && q - end <= 5) n = n * 10 + (b[q++] - '0');
            if (q == end + 1 || n > 65535 || n == 0) return -1;
            port = n; hasPort = true; end = q;
        }
        if (end < eol && (digit(b[end]) || b[end] == '.' || letter(b[end]))) return -1;   // 10.0.0.1x: a name, not an address
        spot(URI, p, end, (int) a, port, hasPort, -1);
        return end;
    }

    // ---- SDP ---------------------------------------------------------------------------

    private void sdp(byte[] b, int from, int to) {
        int at = from;
        while (at < to) {
            int eol = lineEnd(b, at, to);
            if (eol - at >= 2 && b[at + 1] == '=') {
                byte t = b[at];
                if (t == 'o') {
                    // o=<username> <sess-id> <sess-version> IN IP4 <address>: the sixth field
                    int p = at + 2;
                    for (int k = 0; k < 3 && p < eol; k++) p = skipSpace(b, indexOfSpace(b, p, eol), eol);
                    if (starts(b, p, eol, "IN IP4 ")) sdpAddr(b, p + 7, eol);
                } else if (t == 'c' && starts(b, at + 2, eol, "IN IP4 ")) {
                    int a = sdpAddr(b, at + 9, eol);
                    if (a != 0) {
                        if (media == 0) sessionAddr = a;
                        else mediaAddr[media - 1] = a;
                    }
                } else if (t == 'm') {
                    mediaLine(b, at + 2, eol);
                }
            }
            at = next(b, eol, to);
        }
        for (int i = 0; i < media; i++) if (mediaAddr[i] == 0) mediaAddr[i] = sessionAddr;
        sdp = true;
    }

    /** An SDP address (ending at space, '/' (multicast TTL) or the line's end); its value, or 0. */
    private int sdpAddr(byte[] b, int p, int eol) {
        long a = ipv4(b, p, eol);
        if (a < 0) return 0;
        int end = (int) (a >>> 32);
        if (end < eol && b[end] != '/' && b[end] != ' ') return 0;
        spot(SDP_ADDR, p, end, (int) a, 0, false, -1);
        return (int) a;
    }

    /** {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}. */
    private void mediaLine(byte[] b, int p, int eol) {
        if (media == MAX_MEDIA) return;
        int q = skipSpace(b, indexOfSpace(b, p, eol), eol);
        int s = q, n = 0;
        while (q < eol && digit(b[q]) && q - s < 5) n = n * 10 + (b[q++] - '0');
        if (q == s || n > 65535 || (q < eol && b[q] != ' ' && b[q] != '/')) return;
        int m = media++;
        mediaPort[m] = n;
        mediaAddr[m] = 0;
        spot(SDP_PORT, s, q, 0, n, true, m);
    }

    private void spot(int kind, int start, int end, int addr, int port, boolean hasPort, int mediaIndex) {
        if (spots == MAX_SPOTS) return;
        int i = spots++;
        spotKind[i] = kind; spotStart[i] = start; spotEnd[i] = end; spotAddr[i] = addr; spotPort[i] = port;
        spotHasPort[i] = hasPort; spotMedia[i] = mediaIndex;
    }

    // ---- bytes -------------------------------------------------------------------------

    /** Dotted-quad at {@code p}: (end offset << 32) | address, or -1. */
    static long ipv4(byte[] b, int p, int eol) {
        int a = 0, q = p;
        for (int k = 0; k < 4; k++) {
            if (k > 0) { if (q >= eol || b[q] != '.') return -1; q++; }
            int s = q, n = 0;
            while (q < eol && digit(b[q]) && q - s < 3) n = n * 10 + (b[q++] - '0');
            if (q == s || n > 255) return -1;
            a = (a << 8) | n;
        }
        return ((long) q << 32) | (a & 0xffffffffL);
    }

    /** The offset of the line's end ('\r' or '\n'), or {@code to}. */
    private static int lineEnd(byte[] b, int at, int to) {
        for (int i = at; i < to; i++) if (b[i] == '\r' || b[i] == '\n') return i;
        return to;
    }

    /** The start of the line after the one ending at {@code eol} (CRLF or a bare LF/CR). */
    private static int next(byte[] b, int eol, int to) {
        if (eol >= to) return to;
        if (b[eol] == '\r' && eol + 1 < to && b[eol + 1] == '\n') return eol + 2;
        return eol + 1;
    }

    private static int indexOf(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    private static int indexOfSpace(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] != ' ') i++;
        return i;
    }

    private static int skipSpace(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t')) p++;
        return p;
    }

    /** Case-insensitive: does {@code [p, to)} start with {@code s}? */
    private static boolean starts(byte[] b, int p, int to, String s) {
        if (p < 0 || to - p < s.length()) return false;
        for (int i = 0; i < s.length(); i++) if (lower(b[p + i]) != lower((byte) s.charAt(i))) return false;
        return true;
    }

    private static boolean name(byte[] b, int from, int to, String full, String compact) {
        return (to - from == full.length() && starts(b, from, to, full)) || (to - from == compact.length() && starts(b, from, to, compact));
    }

    private static boolean contains(byte[] b, int from, int to, String s) {
        for (int p = from; p + s.length() <= to; p++) if (starts(b, p, to, s)) return true;
        return false;
    }

    private static int lower(byte c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
    private static boolean digit(byte c) { return c >= '0' && c <= '9'; }
    private static boolean letter(byte c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'; }
}
