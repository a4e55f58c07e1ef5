package rose.appliance.btest;

/**
 * The client's 16-octet test request. {@code direction} is from the server's side, as on the
 * wire: 1 the server receives, 2 it transmits, 3 both. Speeds are bit/s, 0 unlimited.
 * <pre>
 *   0 proto (0 udp, 1 tcp) | 1 direction | 2 random-data (0 random, 1 zeros) | 3 tcp-connection-count
 *   4-5 tx-size (LE) | 6-7 client buffer (0) | 8-11 remote-tx-speed (LE) | 12-15 local-tx-speed (LE)
 * </pre>
 */
public record BtestCommand(boolean tcp, int direction, boolean randomData, int connectionCount, int txSize,
                           long remoteTxSpeed, long localTxSpeed) {
    public static final int LENGTH = 16;
    public static final int SERVER_RECEIVES = 1, SERVER_TRANSMITS = 2;

    public BtestCommand {
        if (direction < 1 || direction > 3) throw new IllegalArgumentException("direction " + direction);
        if (txSize < 28 || txSize > 65535) throw new IllegalArgumentException("tx-size " + txSize);
        if (connectionCount < 0 || connectionCount > 255) throw new IllegalArgumentException("connection-count " + connectionCount);
    }

    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        b[0] = (byte) (tcp ? 1 : 0);
        b[1] = (byte) direction;
        b[2] = (byte) (randomData ? 0 : 1);
        b[3] = (byte) connectionCount;
        b[4] = (byte) txSize;
        b[5] = (byte) (txSize >>> 8);
        putLe32(b, 8, remoteTxSpeed);
        putLe32(b, 12, localTxSpeed);
        return b;
    }

    /** Parses a request; an impossible one (protocol, direction, size) is refused with why. */
    public static BtestCommand decode(byte[] b) {
        if (b.length != LENGTH) throw new IllegalArgumentException("command of " + b.length + " octets");
        int proto = b[0] & 0xff;
        if (proto > 1) throw new IllegalArgumentException("protocol " + proto);
        return new BtestCommand(proto == 1, b[1] & 0xff, b[2] == 0, b[3] & 0xff, (b[4] & 0xff) | (b[5] & 0xff) << 8,
                le32(b, 8), le32(b, 12));
    }

    static void putLe32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    static long le32(byte[] b, int off) {
        long v = 0;
        for (int i = 3; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }
}
