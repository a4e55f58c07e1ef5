package rose.ike.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import rose.ike.message.IkeException;

/**
 * MODP groups (RFC 2409 §6, RFC 3526), generator 2. The primes live in modp-primes.txt
 * (checked at build time against OpenSSL's RFC 3526 groups). Arithmetic is BigInteger modPow;
 * the private exponent length follows RFC 3526's strength estimates, doubled.
 */
public final class ModpGroup implements DhGroup {
    private static final Map<Integer, BigInteger> PRIMES = loadPrimes();

    public static final ModpGroup MODP768 = new ModpGroup(1, "modp768", 768, 256);
    public static final ModpGroup MODP1024 = new ModpGroup(2, "modp1024", 1024, 256);
    public static final ModpGroup MODP1536 = new ModpGroup(5, "modp1536", 1536, 256);
    public static final ModpGroup MODP2048 = new ModpGroup(14, "modp2048", 2048, 320);
    public static final ModpGroup MODP3072 = new ModpGroup(15, "modp3072", 3072, 420);
    public static final ModpGroup MODP4096 = new ModpGroup(16, "modp4096", 4096, 480);
    public static final ModpGroup MODP6144 = new ModpGroup(17, "modp6144", 6144, 540);
    public static final ModpGroup MODP8192 = new ModpGroup(18, "modp8192", 8192, 620);

    private static final BigInteger G = BigInteger.TWO;
    private final int id;
    private final String name;
    private final BigInteger p;
    private final int length;
    private final int exponentBits;

    private ModpGroup(int id, String name, int bits, int exponentBits) {
        this.id = id; this.name = name; this.p = PRIMES.get(bits); this.length = bits / 8; this.exponentBits = exponentBits;
        if (p == null || p.bitLength() != bits) throw new IllegalStateException("modp-primes.txt lacks a " + bits + "-bit prime");
    }

    public BigInteger prime() { return p; }
    @Override public int id() { return id; }
    @Override public String routerOsName() { return name; }
    @Override public int publicValueLength() { return length; }

    @Override public KeyExchange newExchange(SecureRandom random) {
        BigInteger x;
        do { x = new BigInteger(exponentBits, random); } while (x.signum() == 0);
        return fromPrivate(x);
    }

    public KeyExchange fromPrivate(BigInteger x) {
        byte[] pub = fixed(G.modPow(x, p), length);
        ModpGroup self = this;
        return new KeyExchange() {
            public DhGroup group() { return self; }
            public byte[] publicValue() { return pub.clone(); }
            public byte[] sharedSecret(byte[] peer) throws IkeException {
                if (peer.length != length) throw IkeException.syntax(name + ": KE data of " + peer.length + " bytes, expected " + length);
                BigInteger y = new BigInteger(1, peer);
                // Reject 0, 1 and p-1 (and >= p): they force the shared secret into a tiny subgroup.
                if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0)
                    throw IkeException.syntax(name + ": degenerate public value");
                return fixed(y.modPow(x, p), length);
            }
        };
    }

    static byte[] fixed(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(b.length, len);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }

    private static Map<Integer, BigInteger> loadPrimes() {
        Map<Integer, BigInteger> m = new HashMap<>();
        try (var in = ModpGroup.class.getResourceAsStream("modp-primes.txt")) {
            if (in == null) throw new IllegalStateException("modp-primes.txt missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\\s+");
                m.put(Integer.parseInt(f[0]), new BigInteger(f[1], 16));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    @Override public String toString() { return name; }
}
