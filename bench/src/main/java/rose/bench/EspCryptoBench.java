package rose.bench;

import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import rose.ipsec.crypto.CryptoBatch;
import rose.ipsec.crypto.CryptoEngine;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.SaCipher;
import rose.ipsec.crypto.Transform;

/**
 * ESP seal+open per algorithm and packet size: our {@link CryptoEngine} (selected as the
 * appliance would, batch of {@value #BATCH}) against raw JCE {@link Cipher}/{@link Mac} calls on
 * the same buffers in the same run. Score is packets/µs (seal and open of one packet = one op).
 * Ratio to report: {@code engine / rawJce} per (alg, size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED")   // as the rose launcher runs
public class EspCryptoBench {
    static final int BATCH = 32, HEAD = 8;

    @Param({"aes-128-gcm", "aes-256-gcm", "chacha20poly1305", "aes-128-cbc/sha1", "aes-256-cbc/sha256", "aes-128-ctr/sha256", "3des/sha1"})
    public String alg;

    @Param({"64", "512", "1400"})
    public int size;

    private Transform t;
    private int len, dataOff;
    private byte[][] bufs;
    private CryptoEngine engine;
    private SaCipher out, in;
    private final CryptoBatch batch = new CryptoBatch(BATCH);
    private long iv;
    // raw JCE
    private Cipher cipher, decipher;   // two, as an SA pair has: the JDK's ChaCha20 refuses re-init with the same key+nonce
    private Mac mac;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12], counterBlock = new byte[16], icv = new byte[64];

    @Setup
    public void setup() throws Exception {
        String[] p = alg.split("/");
        t = Transform.of(p[0], p.length > 1 ? p[1] : "");
        int block = Math.max(4, t.enc().padBlockBytes());
        len = (size + block - 1) / block * block;
        dataOff = HEAD + t.ivBytes();
        bufs = new byte[BATCH][dataOff + len + t.icvBytes()];
        for (byte[] b : bufs) for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 31);
        byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
        for (int i = 0; i < ek.length; i++) ek[i] = (byte) (i + 1);
        for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7);
        CryptoEngines engines = CryptoEngines.standard();
        engine = engines.select(t).orElseThrow();
        out = engine.newSa(t, ek, ak);
        in = engine.newSa(t, ek, ak);
        int keyLen = t.encKeyBits() / 8;
        String mode = t.isAead() ? (p[0].startsWith("chacha") ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding")
                : p[0].startsWith("3des") ? "DESede/CBC/NoPadding" : p[0].contains("ctr") ? "AES/CTR/NoPadding" : "AES/CBC/NoPadding";
        cipher = Cipher.getInstance(mode);
        decipher = Cipher.getInstance(mode);
        key = new SecretKeySpec(ek, 0, keyLen, mode.startsWith("ChaCha") ? "ChaCha20" : mode.startsWith("DESede") ? "DESede" : "AES");
        System.arraycopy(ek, keyLen, nonce, 0, Math.min(4, ek.length - keyLen));
        System.arraycopy(ek, keyLen, counterBlock, 0, Math.min(4, ek.length - keyLen));
        counterBlock[15] = 1;
        if (!t.isAead()) {
            mac = Mac.getInstance(t.auth().jceName());
            mac.init(new SecretKeySpec(ak, t.auth().jceName()));
        }
    }

    private void nextIv(byte[] b) {
        long v = ++iv;
        for (int i = 0; i < 8; i++) b[HEAD + i] = (byte) (v >>> (56 - 8 * i));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int engine() {
        batch.reset();
        for (byte[] b : bufs) {
            nextIv(b);
            batch.add(out, b, 0, HEAD, HEAD, dataOff, len);
        }
        engine.seal(batch);
        batch.reset();
        for (byte[] b : bufs) batch.add(in, b, 0, HEAD, HEAD, dataOff, len);
        engine.open(batch);
        return batch.firstFailure();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int rawJce() throws Exception {
        int ok = 0;
        for (byte[] b : bufs) {
            nextIv(b);
            if (t.isAead()) {
                System.arraycopy(b, HEAD, nonce, 4, 8);
                cipher.init(Cipher.ENCRYPT_MODE, key, spec());
                cipher.updateAAD(b, 0, HEAD);
                cipher.doFinal(b, dataOff, len, b, dataOff);
                decipher.init(Cipher.DECRYPT_MODE, key, spec());
                decipher.updateAAD(b, 0, HEAD);
                ok += decipher.doFinal(b, dataOff, len + 16, b, dataOff);
            } else {
                cipher.init(Cipher.ENCRYPT_MODE, key, ivSpec(b));
                cipher.doFinal(b, dataOff, len, b, dataOff);
                mac.update(b, 0, dataOff + len);
                mac.doFinal(icv, 0);
                System.arraycopy(icv, 0, b, dataOff + len, t.icvBytes());
                mac.update(b, 0, dataOff + len);
                mac.doFinal(icv, 0);
                if (java.security.MessageDigest.isEqual(java.util.Arrays.copyOf(icv, t.icvBytes()),
                        java.util.Arrays.copyOfRange(b, dataOff + len, dataOff + len + t.icvBytes()))) ok++;
                cipher.init(Cipher.DECRYPT_MODE, key, ivSpec(b));
                cipher.doFinal(b, dataOff, len, b, dataOff);
            }
        }
        return ok;
    }

    private java.security.spec.AlgorithmParameterSpec spec() {
        return cipher.getAlgorithm().startsWith("ChaCha") ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
    }

    private IvParameterSpec ivSpec(byte[] b) {
        if (cipher.getAlgorithm().contains("CTR")) {
            System.arraycopy(b, HEAD, counterBlock, 4, 8);
            return new IvParameterSpec(counterBlock);
        }
        return new IvParameterSpec(b, HEAD, t.ivBytes());
    }
}
