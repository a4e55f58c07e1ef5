package rose.bench.dataplane;

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

import rose.dataplane.ipsec.IpsecLoopback;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.crypto.Transform;

/**
 * ESP encrypt+decrypt of one inner packet through the dataplane's IPsec nodes (SPD lookup,
 * esp4-encrypt, ipsec4-input, esp4-decrypt with replay window and inbound policy check; one engine
 * call per vector of {@value #VECTOR}) beside raw JCE seal+open of the same payload in the same run.
 * Score: packets/µs. Ratio to report: {@code nodes / rawJce} per (alg, size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED")   // as the rose launcher runs
public class EspNodesBench {
    static final int VECTOR = 64;

    @Param({"aes-128-gcm", "aes-256-gcm", "chacha20poly1305", "aes-128-cbc/sha1", "null/sha256"})
    public String alg;

    @Param({"64", "512", "1400"})
    public int size;

    private IpsecLoopback loop;
    private byte[] inner;
    // raw JCE on a buffer shaped like the ESP payload
    private Transform t;
    private Cipher enc, dec;
    private Mac mac;
    private SecretKeySpec key;
    private byte[] buf, nonce = new byte[12], icv = new byte[64];
    private int dataLen;
    private long seq;

    @Setup
    public void setup() throws Exception {
        String[] p = alg.split("/");
        t = Transform.of(p[0], p.length > 1 ? p[1] : "");
        byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
        for (int i = 0; i < ek.length; i++) ek[i] = (byte) (i + 1);
        for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7);
        inner = LoopbackTunnel.udpPacket(size);
        loop = LoopbackTunnel.open(IpsecProtocol.ESP, t, ek, ak, inner);

        int block = Math.max(4, t.enc().padBlockBytes());
        dataLen = (size + 2 + block - 1) / block * block;
        buf = new byte[16 + dataLen + 64];
        int keyLen = t.encKeyBits() / 8;
        String mode = p[0].startsWith("chacha") ? "ChaCha20-Poly1305" : t.isAead() ? "AES/GCM/NoPadding" : p[0].equals("null") ? null : "AES/CBC/NoPadding";
        if (mode != null) {
            enc = Cipher.getInstance(mode);
            dec = Cipher.getInstance(mode);
            key = new SecretKeySpec(ek, 0, keyLen, mode.startsWith("ChaCha") ? "ChaCha20" : "AES");
            System.arraycopy(ek, keyLen, nonce, 0, Math.min(4, ek.length - keyLen));
        }
        if (!t.isAead()) {
            mac = Mac.getInstance(t.auth().jceName());
            mac.init(new SecretKeySpec(ak, t.auth().jceName()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR)
    public long nodes() {
        loop.run(inner, VECTOR);
        return loop.delivered();
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR)
    public int rawJce() throws Exception {
        int ok = 0;
        for (int k = 0; k < VECTOR; k++) {
            System.arraycopy(inner, 0, buf, 16, size);     // the nodes copy the packet in too
            long v = ++seq;
            for (int i = 0; i < 8; i++) buf[8 + i] = (byte) (v >>> (56 - 8 * i));
            if (t.isAead()) {
                System.arraycopy(buf, 8, nonce, 4, 8);
                enc.init(Cipher.ENCRYPT_MODE, key, spec());
                enc.updateAAD(buf, 0, 8);
                enc.doFinal(buf, 16, dataLen, buf, 16);
                dec.init(Cipher.DECRYPT_MODE, key, spec());
                dec.updateAAD(buf, 0, 8);
                ok += dec.doFinal(buf, 16, dataLen + 16, buf, 16);
            } else {
                if (enc != null) { enc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(buf, 0, 16)); enc.doFinal(buf, 16, dataLen, buf, 16); }
                mac.update(buf, 0, 16 + dataLen);
                mac.doFinal(icv, 0);
                System.arraycopy(icv, 0, buf, 16 + dataLen, t.icvBytes());
                mac.update(buf, 0, 16 + dataLen);
                mac.doFinal(icv, 0);
                if (icv[0] == buf[16 + dataLen]) ok++;
                if (dec != null) { dec.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(buf, 0, 16)); dec.doFinal(buf, 16, dataLen, buf, 16); }
            }
        }
        return ok;
    }

    private java.security.spec.AlgorithmParameterSpec spec() {
        return enc.getAlgorithm().startsWith("ChaCha") ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
    }
}
