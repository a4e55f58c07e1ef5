package rose.appliance.btest;

/**
 * The once-a-second report on the TCP connection during a UDP test: {@code 07}, a sequence number
 * (big-endian), three zero octets, and the octets received in the last second (little-endian),
 * from which the sender sets its next second's rate.
 */
public record BtestStatus(long seq, long bytesReceived) {
    public static final int LENGTH = 12;

    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        b[0] = 7;
        for (int i = 0; i < 4; i++) b[1 + i] = (byte) (seq >>> (24 - 8 * i));
        BtestCommand.putLe32(b, 8, Math.min(bytesReceived, 0xffff_ffffL));
        return b;
    }

    public static BtestStatus decode(byte[] b) {
        if (b.length != LENGTH || b[0] != 7) throw new IllegalArgumentException("not a status message");
        long seq = 0;
        for (int i = 0; i < 4; i++) seq = seq << 8 | (b[1 + i] & 0xff);
        return new BtestStatus(seq, BtestCommand.le32(b, 8));
    }
}
