package rose.ipsec.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.engines.CamelliaEngine;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.TwofishEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * CBC and CTR through Bouncy Castle's lightweight API. The key schedule is made once per SA and
 * per direction; per packet only the IV is reset ({@code ParametersWithIV(null, iv)} keeps the key).
 */
final class BcCipherPart implements CipherPart {
    private final BlockCipher enc;
    private final BlockCipher dec;           // CBC only; CTR decrypts with the encrypting stream
    private final SICBlockCipher ctr;        // CTR only
    private final int block;
    private final byte[] iv;                 // CBC: IV; CTR: nonce ‖ IV ‖ 0x00000001 (RFC 3686 §4)

    private BcCipherPart(BlockCipher enc, BlockCipher dec, SICBlockCipher ctr, int block, byte[] iv) {
        this.enc = enc; this.dec = dec; this.ctr = ctr; this.block = block; this.iv = iv;
    }

    static BlockCipher blockCipher(EncAlgorithm e) {
        switch (e) {
            case CAMELLIA_128: case CAMELLIA_192: case CAMELLIA_256: return new CamelliaEngine();
            case TRIPLE_DES: return new DESedeEngine();
            case DES: return new DESEngine();
            case BLOWFISH: return new BlowfishEngine();
            case TWOFISH: return new TwofishEngine();
            default: return AESEngine.newInstance();
        }
    }

    static BcCipherPart of(Transform t, byte[] key, byte[] salt) {
        KeyParameter k = new KeyParameter(key);
        if (t.enc().mode() == EncAlgorithm.Mode.CTR) {
            SICBlockCipher ctr = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
            byte[] cb = new byte[16];
            System.arraycopy(salt, 0, cb, 0, 4);
            cb[15] = 1;
            ctr.init(true, new ParametersWithIV(k, cb));
            return new BcCipherPart(null, null, ctr, 1, cb);
        }
        BlockCipher e = CBCBlockCipher.newInstance(blockCipher(t.enc()));
        BlockCipher d = CBCBlockCipher.newInstance(blockCipher(t.enc()));
        byte[] iv = new byte[e.getBlockSize()];
        e.init(true, new ParametersWithIV(k, iv));
        d.init(false, new ParametersWithIV(k, iv));
        return new BcCipherPart(e, d, null, e.getBlockSize(), iv);
    }

    @Override public int blockBytes() { return block; }

    @Override public void encrypt(byte[] b, int ivOff, int off, int len) {
        if (ctr != null) { ctrRun(b, ivOff, off, len); return; }
        cbcRun(enc, b, ivOff, off, len);
    }

    @Override public void decrypt(byte[] b, int ivOff, int off, int len) {
        if (ctr != null) { ctrRun(b, ivOff, off, len); return; }
        cbcRun(dec, b, ivOff, off, len);
    }

    private void cbcRun(BlockCipher c, byte[] b, int ivOff, int off, int len) {
        System.arraycopy(b, ivOff, iv, 0, block);
        c.init(c == enc, new ParametersWithIV(null, iv));
        for (int i = 0; i < len; i += block) c.processBlock(b, off + i, b, off + i);   // in place is safe: CBC keeps the chaining block
    }

    private void ctrRun(byte[] b, int ivOff, int off, int len) {
        System.arraycopy(b, ivOff, iv, 4, 8);
        ctr.init(true, new ParametersWithIV(null, iv));
        ctr.processBytes(b, off, len, b, off);
    }

    @Override public void wipe() { Arrays.fill(iv, (byte) 0); }
}
