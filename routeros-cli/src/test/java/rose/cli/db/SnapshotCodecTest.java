package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SnapshotCodecTest {
    private static final Path FILE = Path.of("snapshot-00000003.db");

    @Test
    void stateRoundTripsWithOrderAndEmptyMenus() throws Exception {
        ConfigState s = StoreFixtures.applyAll(ConfigState.EMPTY, StoreFixtures.commands());
        // a menu whose items are all gone still remembers its next id
        s = s.apply(List.of(new Change.Remove("ip/ipsec/profile", 1)));
        assertEquals(0, s.items("ip/ipsec/profile").size());
        byte[] bytes = SnapshotCodec.encode(3, s);
        SnapshotCodec.Snapshot back = SnapshotCodec.decode(FILE, bytes);
        assertEquals(3, back.generation());
        StoreFixtures.assertSameState(s, back.state());
        assertEquals(2, back.state().table("ip/ipsec/profile").nextId());
        assertArrayEquals(bytes, SnapshotCodec.encode(3, back.state()));
    }

    @Test
    void emptyState() throws Exception {
        SnapshotCodec.Snapshot back = SnapshotCodec.decode(FILE, SnapshotCodec.encode(1, ConfigState.EMPTY));
        StoreFixtures.assertSameState(ConfigState.EMPTY, back.state());
    }

    @Test
    void anyFlippedBitOrTruncationIsAHardError() {
        ConfigState s = StoreFixtures.applyAll(ConfigState.EMPTY, StoreFixtures.commands().subList(0, 4));
        byte[] good = SnapshotCodec.encode(3, s);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            assertThrows(CorruptStoreException.class, () -> SnapshotCodec.decode(FILE, bad), "flip at " + i);
        }
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(CorruptStoreException.class, () -> SnapshotCodec.decode(FILE, cut), "cut at " + n);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(CorruptStoreException.class, () -> SnapshotCodec.decode(FILE, longer));
    }

    @Test
    void newerFormatVersionIsNamed() {
        byte[] b = SnapshotCodec.encode(3, ConfigState.EMPTY);
        b[8] = 2;
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> SnapshotCodec.decode(FILE, b));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    }
}
