package rose.appliance.bench;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import rose.ipsec.crypto.Transform;

/**
 * The raw crypto limit beside the tunnel numbers: JCE encrypt+ICV and verify+decrypt of an ESP
 * payload of the same size, with no packet handling at all (what a tunnel could reach if moving
 * packets cost nothing, on one core). Only AES-CBC, AES-GCM, ChaCha20-Poly1305 and null are
 * measured; other ciphers report 0.
 */
final class CryptoLimit {
    private CryptoLimit() {}

    static double packetsPerSecond(Transform t, int size, long nanos) throws GeneralSecurityException {
        String name = t.enc().routerOsName();
        String mode = name.startsWith("chacha") ? "ChaCha20-Poly1305"
                : name.endsWith("-gcm") ? "AES/GCM/NoPadding"
                : name.endsWith("-cbc") ? "AES/CBC/NoPadding"
                : name.equals("null") ? null : "";
        if ("".equals(mode)) return 0;
        int block = Math.max(4, t.enc().padBlockBytes());
        int dataLen = (size + 2 + block - 1) / block * block;
        byte[] buf = new byte[16 + dataLen + 64], icv = new byte[64], nonce = new byte[12];
        byte[] ek = new byte[Math.max(1, t.encKeymatBytes())], ak = new byte[Math.max(1, t.authKeymatBytes())];
        int keyLen = t.encKeyBits() / 8;
        Cipher enc = null, dec = null;
        SecretKeySpec key = null;
        if (mode != null) {
            enc = Cipher.getInstance(mode);
            dec = Cipher.getInstance(mode);
            key = new SecretKeySpec(ek, 0, keyLen, mode.startsWith("ChaCha") ? "ChaCha20" : "AES");
        }
        Mac mac = null;
        if (!t.isAead()) {
            mac = Mac.getInstance(t.auth().jceName());
            mac.init(new SecretKeySpec(ak, t.auth().jceName()));
        }
        long seq = 0, done = 0, start = System.nanoTime(), end = start + nanos;
        boolean warm = false;   // the first half warms the JIT up (AES/GHASH intrinsics); the second is measured
        while (true) {
            for (int k = 0; k < 64; k++) {
                long v = ++seq;
                for (int i = 0; i < 8; i++) buf[8 + i] = (byte) (v >>> (56 - 8 * i));
                if (t.isAead()) {
                    System.arraycopy(buf, 8, nonce, 4, 8);
                    AlgorithmParameterSpec spec = mode.startsWith("ChaCha") ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
                    enc.init(Cipher.ENCRYPT_MODE, key, spec);
                    enc.updateAAD(buf, 0, 8);
                    enc.doFinal(buf, 16, dataLen, buf, 16);
                    dec.init(Cipher.DECRYPT_MODE, key, spec);
                    dec.updateAAD(buf, 0, 8);
                    dec.doFinal(buf, 16, dataLen + 16, buf, 16);
                } else {
                    if (enc != null) {
                        enc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(buf, 0, 16));
                        enc.doFinal(buf, 16, dataLen, buf, 16);
                    }
                    mac.update(buf, 0, 16 + dataLen);
                    mac.doFinal(icv, 0);
                    mac.update(buf, 0, 16 + dataLen);
                    mac.doFinal(icv, 0);
                    if (dec != null) {
                        dec.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(buf, 0, 16));
                        dec.doFinal(buf, 16, dataLen, buf, 16);
                    }
                }
            }
            done += 64;
            long now = System.nanoTime();
            if (!warm && now >= start + nanos / 2) {
                warm = true;
                done = 0;
                start = now;
                end = now + nanos;
            } else if (warm && now >= end) return done * 1e9 / (now - start);
        }
    }
}
