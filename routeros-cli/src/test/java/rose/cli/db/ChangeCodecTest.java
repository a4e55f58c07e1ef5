package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ChangeCodecTest {

    @Test
    void everyChangeKindRoundTripsInOrder() throws Exception {
        long version = 1;
        for (List<Change> cmd : StoreFixtures.commands()) {
            byte[] bytes = ChangeCodec.encode(version, cmd);
            ChangeCodec.Commit back = ChangeCodec.decode(bytes);
            assertEquals(version, back.version());
            assertEquals(cmd, back.changes());
            for (int i = 0; i < cmd.size(); i++) {
                if (cmd.get(i) instanceof Change.Put p) {
                    Change.Put q = (Change.Put) back.changes().get(i);
                    assertEquals(new ArrayList<>(p.item().values().entrySet()), new ArrayList<>(q.item().values().entrySet()),
                            "value order of change " + i);
                }
            }
            assertArrayEquals(bytes, ChangeCodec.encode(back.version(), back.changes()), "encoding is canonical");
            version = version * 1000 + 7;
        }
    }

    @Test
    void everyOriginKeepsItsCode() throws Exception {
        for (Origin o : Origin.values()) {
            List<Change> cmd = List.of(new Change.Put("m", 0, new Item(3, o, StoreFixtures.values("k", "v"))));
            assertEquals(o, ((Change.Put) ChangeCodec.decode(ChangeCodec.encode(1, cmd)).changes().get(0)).item().origin());
        }
        // codes are part of the format: USER=0 DEFAULT=1 BUILTIN=2 DYNAMIC=3
        byte[] b = ChangeCodec.encode(1, List.of(new Change.Put("m", 0, new Item(3, Origin.BUILTIN, StoreFixtures.values()))));
        assertEquals(2, b[b.length - 2]);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] full = ChangeCodec.encode(42, StoreFixtures.commands().get(8));
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThrows(Wire.MalformedException.class, () -> ChangeCodec.decode(cut), "prefix of " + n + " bytes");
        }
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertThrows(Wire.MalformedException.class, () -> ChangeCodec.decode(longer));
    }

    @Test
    void randomDamageNeverEscapesAsRuntimeException() {
        Random rnd = new Random(7);
        byte[] full = ChangeCodec.encode(42, StoreFixtures.commands().get(1));
        for (int i = 0; i < 20_000; i++) {
            byte[] b = full.clone();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
            try {
                ChangeCodec.decode(b);
            } catch (Wire.MalformedException expected) {
                // fine: damage detected
            }
        }
    }

    @Test
    void wireStringsAreStrictCesu8() throws Exception {
        String s = "a\u0000\u00ff\u0800\uffff\ud83d\ude00\udfff";
        byte[] b = new Wire.Out(8).str(s).toByteArray();
        assertEquals(s, new Wire.In(b).str());
        // overlong '/' (C0 AF) and a stray continuation byte are refused
        assertThrows(Wire.MalformedException.class, () -> new Wire.In(new byte[] {2, (byte) 0xC0, (byte) 0xAF}).str());
        assertThrows(Wire.MalformedException.class, () -> new Wire.In(new byte[] {1, (byte) 0x80}).str());
        assertThrows(Wire.MalformedException.class, () -> new Wire.In(new byte[] {2, (byte) 0xE0, (byte) 0xA0}).str());
    }

    @Test
    void varintsCoverTheirRange() throws Exception {
        long[] vs = {0, 1, 127, 128, 16383, 16384, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE, -1L};
        Wire.Out out = new Wire.Out(8);
        for (long v : vs) out.varint(v);
        int[] zs = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (int z : zs) out.zigzag(z);
        Wire.In in = new Wire.In(out.toByteArray());
        for (long v : vs) assertEquals(v, in.varint());
        for (int z : zs) assertEquals(z, in.zigzag());
        assertThrows(Wire.MalformedException.class, () -> new Wire.In(new byte[] {(byte) 0x80, (byte) 0x80}).varint());
    }
}
