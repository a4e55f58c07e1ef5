package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * CBC (RFC 3602 AES, RFC 2451 3DES/Blowfish, RFC 2405 DES) through two JCE {@link Cipher}s keyed
 * once per SA, one per direction, never initialised again per packet.
 *
 * <p>Why: {@code Cipher.init} per packet (a new IV each time) made an {@code IvParameterSpec},
 * re-checked the key and reset SunJCE's state for every packet, and SunJCE's {@code update} copies
 * its input into a fresh array when input and output are the same range (its overlap guard), so
 * in-place CBC allocated a packet-sized array per packet (3 KB per seal+open at 1400 B, JMH
 * {@code -prof gc}).
 *
 * <p>How, without re-init: a CBC cipher chains each block from the previous ciphertext block, its
 * register, and keeps that register across {@code update} calls. A packet must chain its first
 * block from its own IV instead, and CBC's first step is {@code P1 ⊕ register}, so:
 * <ul>
 * <li>encrypt: XOR {@code IV ⊕ register} into P1 first; the cipher computes
 *     {@code E(P1 ⊕ IV ⊕ register ⊕ register) = E(P1 ⊕ IV)}, RFC 3602's C1;</li>
 * <li>decrypt: the cipher yields {@code D(C1) ⊕ register}; XOR {@code register ⊕ IV} into it to get
 *     {@code D(C1) ⊕ IV}, RFC 3602's P1;</li>
 * <li>either way the register then holds the packet's last ciphertext block, which we copy to
 *     {@link #encRegister}/{@link #decRegister} to track it.</li>
 * </ul>
 * Output goes to a per-SA scratch array and is copied back (the copy SunJCE would have made,
 * without the allocation). If the provider throws mid-packet the register is unknown, so that
 * direction is initialised again before its next packet.
 */
final class JceCbcPart implements CipherPart {
    private final Cipher enc, dec;
    private final SecretKeySpec key;
    private final int block;
    private final byte[] encRegister, decRegister, lastBlock;
    private byte[] scratch = new byte[2048];   // grows to the largest packet once, not per packet
    private boolean encLost, decLost;

    JceCbcPart(String transformation, String keyAlgorithm, byte[] key, int block) throws GeneralSecurityException {
        this.enc = Cipher.getInstance(transformation);
        this.dec = Cipher.getInstance(transformation);
        this.key = new SecretKeySpec(key, keyAlgorithm);
        this.block = block;
        this.encRegister = new byte[block];
        this.decRegister = new byte[block];
        this.lastBlock = new byte[block];
        enc.init(Cipher.ENCRYPT_MODE, this.key, new IvParameterSpec(encRegister));
        dec.init(Cipher.DECRYPT_MODE, this.key, new IvParameterSpec(decRegister));
    }

    @Override public int blockBytes() { return block; }

    @Override public void encrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException {
        if (len == 0) return;
        if (encLost) restart(enc, Cipher.ENCRYPT_MODE, encRegister);
        for (int i = 0; i < block; i++) b[off + i] ^= (byte) (b[ivOff + i] ^ encRegister[i]);
        byte[] s = scratch(len);
        encLost = true;
        enc.update(b, off, len, s, 0);
        encLost = false;
        System.arraycopy(s, 0, b, off, len);
        System.arraycopy(s, len - block, encRegister, 0, block);
    }

    @Override public void decrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException {
        if (len == 0) return;
        if (decLost) restart(dec, Cipher.DECRYPT_MODE, decRegister);
        byte[] s = scratch(len);
        System.arraycopy(b, off + len - block, lastBlock, 0, block);
        decLost = true;
        dec.update(b, off, len, s, 0);
        decLost = false;
        for (int i = 0; i < block; i++) s[i] ^= (byte) (decRegister[i] ^ b[ivOff + i]);
        System.arraycopy(s, 0, b, off, len);
        System.arraycopy(lastBlock, 0, decRegister, 0, block);
    }

    private byte[] scratch(int len) {
        if (scratch.length < len) scratch = new byte[Math.max(len, scratch.length * 2)];
        return scratch;
    }

    private void restart(Cipher c, int mode, byte[] register) throws GeneralSecurityException {
        Arrays.fill(register, (byte) 0);
        c.init(mode, key, new IvParameterSpec(register));
        if (c == enc) encLost = false; else decLost = false;
    }

    @Override public void wipe() {
        Arrays.fill(scratch, (byte) 0);
        Arrays.fill(encRegister, (byte) 0);
        Arrays.fill(decRegister, (byte) 0);
        Arrays.fill(lastBlock, (byte) 0);
    }
}
