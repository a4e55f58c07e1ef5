package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.WorkerContext;
import rose.ipsec.crypto.CryptoBatch;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.SaCipher;
import rose.ipsec.crypto.Transform;

/** The fork-join hand-over of half a vector's crypto: a helper's seal is the owner's seal. */
class ParallelCryptoTest {
    private static final CryptoEngines ENGINES = DataplaneIpsecBackendContractTest.ENGINES;
    private static final Transform GCM = Transform.of("aes-128-gcm", "");

    private static byte[] packets(int count) {
        byte[] buf = new byte[count * 128];
        for (int i = 0; i < buf.length; i++) buf[i] = (byte) (i * 7);
        return buf;
    }

    private static CryptoBatch fill(CryptoBatch b, SaCipher c, byte[] buf, int count) {
        for (int k = 0; k < count; k++) b.add(c, buf, k * 128, 8, k * 128 + 8, k * 128 + 16, 64);   // head, IV, 64 B data, 16 B ICV
        return b;
    }

    private static byte[] key() {
        byte[] k = new byte[GCM.encKeymatBytes()];
        Arrays.fill(k, (byte) 3);
        return k;
    }

    @Test
    void aJobAnotherWorkerTookIsSealedAsTheOwnerWouldHaveSealedIt() {
        ParallelCrypto pc = new ParallelCrypto(ENGINES);
        byte[] mine = packets(20), reference = mine.clone();
        SaCipher helper = ENGINES.newSa(GCM, key(), new byte[0]), own = ENGINES.newSa(GCM, key(), new byte[0]);
        CryptoBatch job = fill(new CryptoBatch(), helper, mine, 20);
        pc.post(0, job, true);
        assertTrue(pc.pending());
        WorkerContext other = new WorkerContext(1, new PacketPool(16, 256, 64));
        assertEquals(0, pc.poll(new WorkerContext(0, new PacketPool(16, 256, 64))), "the owner does not help itself");
        assertEquals(20, pc.poll(other), "worker 1 ran the job");
        assertFalse(pc.pending());
        pc.finish(0);
        ENGINES.seal(fill(new CryptoBatch(), own, reference, 20));
        for (int k = 0; k < 20; k++) assertTrue(job.ok(k));
        assertArrayEquals(reference, mine, "same ciphertext and ICVs whoever sealed");
        assertEquals(1, pc.helped());
        assertEquals(0, pc.takenBack());
        assertEquals(20, pc.ranForOthers(1), "worker 1 ran 20 packets for another");
        assertEquals(20, pc.ranByOthers(0), "20 of worker 0's packets were run by another");
        assertEquals(0, pc.ranForOthers(0));
    }

    @Test
    void theOwnerTakesBackAJobNobodyTook() {
        ParallelCrypto pc = new ParallelCrypto(ENGINES);
        byte[] mine = packets(16), reference = mine.clone();
        CryptoBatch job = fill(new CryptoBatch(), ENGINES.newSa(GCM, key(), new byte[0]), mine, 16);
        pc.post(3, job, true);
        pc.finish(3);
        ENGINES.seal(fill(new CryptoBatch(), ENGINES.newSa(GCM, key(), new byte[0]), reference, 16));
        assertArrayEquals(reference, mine);
        assertEquals(1, pc.takenBack());
        assertEquals(0, pc.ranByOthers(3), "taken back: the owner ran its own packets");
        assertEquals(0, pc.poll(new WorkerContext(1, new PacketPool(16, 256, 64))), "nothing left to take");
    }
}
