package rose.dataplane.firewall;

/**
 * {@code per-connection-classifier=MODE:N/R}: hash the fields MODE names and match when the hash
 * modulo N is R, so N rules with R = 0..N-1 split traffic N ways and every packet with the same
 * fields (a whole connection, in one direction) lands in the same share. Mark new connections
 * with it and route by the connection mark, as the RouterOS load-balancing recipes do.
 */
public record PccSpec(Mode mode, int every, int remainder) {
    public enum Mode {
        SRC_ADDRESS("src-address"), DST_ADDRESS("dst-address"), BOTH_ADDRESSES("both-addresses"),
        SRC_PORT("src-port"), DST_PORT("dst-port"), BOTH_PORTS("both-ports"),
        SRC_ADDRESS_AND_PORT("src-address-and-port"), DST_ADDRESS_AND_PORT("dst-address-and-port"),
        BOTH_ADDRESSES_AND_PORTS("both-addresses-and-ports");
        final String word;
        Mode(String w) { word = w; }
    }

    public static PccSpec parse(String s) {
        s = s.trim();
        int colon = s.indexOf(':'), slash = s.indexOf('/');
        if (colon < 0 || slash < colon) throw new IllegalArgumentException("per-connection-classifier: expected mode:N/R: " + s);
        String m = s.substring(0, colon);
        Mode mode = null;
        for (Mode x : Mode.values()) if (x.word.equals(m)) mode = x;
        if (mode == null) throw new IllegalArgumentException("per-connection-classifier: unknown mode " + m);
        int every = Integer.parseInt(s.substring(colon + 1, slash).trim());
        int rem = Integer.parseInt(s.substring(slash + 1).trim());
        if (every < 1 || rem < 0 || rem >= every)
            throw new IllegalArgumentException("per-connection-classifier: remainder must be below the count: " + s);
        return new PccSpec(mode, every, rem);
    }

    public boolean matches(PacketFields f) {
        int sp = f.l4Valid ? f.srcPort : 0, dp = f.l4Valid ? f.dstPort : 0;
        long key;
        switch (mode) {
            case SRC_ADDRESS: key = f.srcIp; break;
            case DST_ADDRESS: key = f.dstIp; break;
            case BOTH_ADDRESSES: key = ((long) f.srcIp << 32) ^ (f.dstIp & 0xffffffffL); break;
            case SRC_PORT: key = sp; break;
            case DST_PORT: key = dp; break;
            case BOTH_PORTS: key = ((long) sp << 16) | dp; break;
            case SRC_ADDRESS_AND_PORT: key = ((long) f.srcIp << 16) ^ sp; break;
            case DST_ADDRESS_AND_PORT: key = ((long) f.dstIp << 16) ^ dp; break;
            default: key = (((long) f.srcIp << 32) ^ (f.dstIp & 0xffffffffL)) * 31 + (((long) sp << 16) | dp);
        }
        key *= 0x9E3779B97F4A7C15L;
        key ^= key >>> 29; key *= 0xBF58476D1CE4E5B9L; key ^= key >>> 32;
        return Long.remainderUnsigned(key, every) == remainder;
    }

    @Override public String toString() { return mode.word + ":" + every + "/" + remainder; }
}
