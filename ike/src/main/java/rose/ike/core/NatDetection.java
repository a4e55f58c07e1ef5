package rose.ike.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 7296 §2.23: NAT_DETECTION_*_IP data = SHA-1(SPIi | SPIr | IP | Port). */
final class NatDetection {
    private NatDetection() {}

    static byte[] hash(long spiI, long spiR, InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length + 2).putLong(spiI).putLong(spiR).put(ip).putShort((short) a.getPort());
        try {
            return MessageDigest.getInstance("SHA-1").digest(b.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
