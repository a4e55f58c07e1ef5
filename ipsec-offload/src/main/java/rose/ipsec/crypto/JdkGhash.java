package rose.ipsec.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * GHASH through the JDK's own block function, {@code com.sun.crypto.provider.GHASH.processBlocks},
 * which HotSpot replaces with a PCLMULQDQ/VPCLMULQDQ stub: about 0.1 ns per octet here, 20× the
 * plain-Java {@link TableGhash}. It is private to {@code java.base}, so it is reachable only when
 * the JVM runs with {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} (the
 * {@code rose} launcher passes it); otherwise, or if the method has changed shape or answers a
 * known vector wrongly, {@link #usable()} is false and {@link Ghash#of} takes the table.
 *
 * <p>The stub reads and writes arrays without bounds checks, so {@link #blocks} checks the range
 * itself, and the key table is as long as the JDK's own GHASH makes it (the stub caches powers of
 * H after H in it).
 */
final class JdkGhash extends Ghash {
    private static final MethodHandle PROCESS_BLOCKS;
    private static final int TABLE_LONGS;
    private static final String UNUSABLE;   // why not, or null

    static {
        MethodHandle process = null;
        int table = 0;
        String why;
        try {
            Class<?> c = Class.forName("com.sun.crypto.provider.GHASH");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
            process = l.findStatic(c, "processBlocks", MethodType.methodType(void.class,
                    byte[].class, int.class, int.class, long[].class, long[].class));
            Object g = l.findConstructor(c, MethodType.methodType(void.class, byte[].class)).invoke(new byte[16]);
            table = ((long[]) l.findGetter(c, "subkeyHtbl", long[].class).invoke(g)).length;
            why = knownAnswer(process, table);
        } catch (Throwable e) {
            why = e.toString();
        }
        UNUSABLE = why;
        PROCESS_BLOCKS = why == null ? process : null;
        TABLE_LONGS = table;
    }

    private final long[] subkeyTable;

    JdkGhash(byte[] h, int off) {
        if (UNUSABLE != null) throw new IllegalStateException("JDK GHASH unusable: " + UNUSABLE);
        subkeyTable = new long[TABLE_LONGS];
        subkeyTable[0] = (long) BE.get(h, off);
        subkeyTable[1] = (long) BE.get(h, off + 8);
    }

    /** Whether this JVM lets us call the JDK's GHASH and it answers SP 800-38D correctly. */
    static boolean usable() { return UNUSABLE == null; }

    /** Why the JDK's GHASH cannot be used here, for logs and probes. */
    static Optional<String> unusableBecause() { return Optional.ofNullable(UNUSABLE); }

    @Override void blocks(byte[] b, int off, int blocks) {
        Objects.checkFromIndexSize(off, blocks << 4, b.length);   // the intrinsic checks nothing
        try {
            PROCESS_BLOCKS.invokeExact(b, off, blocks, state, subkeyTable);
        } catch (Throwable e) {
            throw new IllegalStateException("JDK GHASH failed", e);   // an engine error for this slot
        }
    }

    @Override void wipeKey() { Arrays.fill(subkeyTable, 0); }

    /** SP 800-38D (GCM spec) test case 2: H, one ciphertext block, no AAD; null if it matches. */
    private static String knownAnswer(MethodHandle process, int table) throws Throwable {
        HexFormat hex = HexFormat.of();
        byte[] h = hex.parseHex("66e94bd4ef8a2c3b884cfa59ca342b2e");
        byte[] data = hex.parseHex("0388dace60b6a392f328c2b971b2fe78" + "0000000000000000" + "0000000000000080");
        long[] st = new long[2], sub = new long[Math.max(table, 2)];
        sub[0] = (long) BE.get(h, 0);
        sub[1] = (long) BE.get(h, 8);
        process.invokeExact(data, 0, 2, st, sub);
        byte[] s = new byte[16];
        BE.set(s, 0, st[0]);
        BE.set(s, 8, st[1]);
        String got = hex.formatHex(s);
        return got.equals("f38cbb1ad69223dcc3457ae5b6b0f885") ? null : "known answer gave " + got;
    }
}
