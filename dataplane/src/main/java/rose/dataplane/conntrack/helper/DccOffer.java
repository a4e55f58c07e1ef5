package rose.dataplane.conntrack.helper;

/**
 * Finds a CTCP DCC offer in IRC client text: {@code \1DCC <type> <argument> <ip> <port>},
 * type one of SEND, CHAT, MOVE, TSEND, SCHAT (Linux's {@code dccprotos}), the ip an unsigned
 * decimal, the port a decimal 1..65535. Every index is checked against the window; malformed
 * offers are skipped.
 */
public final class DccOffer {
    private static final byte[] DCC = {1, 'D', 'C', 'C', ' '};
    private static final String[] TYPES = {"SEND ", "CHAT ", "MOVE ", "TSEND ", "SCHAT "};

    public int address, port, textStart, textEnd;

    /** The next well-formed offer in {@code [from, end)}; false when there is none. */
    public boolean find(byte[] b, int from, int end) {
        if (from < 0 || end > b.length) return false;
        for (int i = from; i + DCC.length <= end; i++) {
            if (!at(b, i, end, DCC)) continue;
            int p = i + DCC.length;
            String type = null;
            for (String t : TYPES) if (atAscii(b, p, end, t)) { type = t; break; }
            if (type == null) continue;
            p += type.length();
            while (p < end && b[p] != ' ' && b[p] != 1 && b[p] != '\n') p++;   // the file name or "chat"
            if (p >= end || b[p] != ' ') continue;
            p++;
            int start = p;
            long ip = 0;
            int digits = 0;
            while (p < end && b[p] >= '0' && b[p] <= '9' && digits < 11) { ip = ip * 10 + (b[p] - '0'); p++; digits++; }
            if (digits == 0 || digits > 10 || ip > 0xffffffffL || p >= end || b[p] != ' ') continue;
            while (p < end && b[p] == ' ') p++;
            int prt = 0;
            digits = 0;
            while (p < end && b[p] >= '0' && b[p] <= '9' && digits < 6) { prt = prt * 10 + (b[p] - '0'); p++; digits++; }
            if (digits == 0 || digits > 5 || prt == 0 || prt > 65535 || p >= end) continue;
            if (b[p] != ' ' && b[p] != 1) continue;
            address = (int) ip;
            port = prt;
            textStart = start;
            textEnd = p;
            return true;
        }
        return false;
    }

    private static boolean at(byte[] b, int i, int end, byte[] pattern) {
        if (i + pattern.length > end) return false;
        for (int k = 0; k < pattern.length; k++) if (b[i + k] != pattern[k]) return false;
        return true;
    }

    private static boolean atAscii(byte[] b, int i, int end, String s) {
        if (i + s.length() > end) return false;
        for (int k = 0; k < s.length(); k++) if (b[i + k] != s.charAt(k)) return false;
        return true;
    }
}
