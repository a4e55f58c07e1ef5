package rose.dataplane.firewall;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Open-addressing hash of the networks of one prefix length, with an expiry per entry.
 * One writer at a time (the owning {@link AddressList} serialises writes); readers never lock:
 * a slot's key is written before its state is published with release semantics, and readers
 * load the state with acquire. A resize builds new arrays and swaps the reference.
 */
final class PrefixTable {
    static final long EMPTY = 0, TOMBSTONE = 1, NEVER = Long.MAX_VALUE;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    /** The arrays readers see; replaced whole on resize. */
    static final class Slots {
        final int[] keys;
        final long[] expiry;      // EMPTY, TOMBSTONE, NEVER or an absolute nanoTime deadline
        final byte[] flags;       // AddressList.F_* bits
        final long[] created;     // wall-clock millis, for print
        Slots(int cap) { keys = new int[cap]; expiry = new long[cap]; flags = new byte[cap]; created = new long[cap]; }
    }

    final int length;
    private final int mask;
    volatile Slots slots = new Slots(16);
    int size, used;   // live entries; live + tombstones (writer only)

    PrefixTable(int length) { this.length = length; this.mask = Ipv4.mask(length); }

    static int hash(int k) {
        int h = k * 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    /** Lock-free lookup: is {@code address}'s network present and unexpired at {@code now}? */
    boolean contains(int address, long now) {
        int key = address & mask;
        Slots s = slots;
        int m = s.keys.length - 1;
        for (int i = hash(key) & m; ; i = (i + 1) & m) {
            long e = (long) LONGS.getAcquire(s.expiry, i);
            if (e == EMPTY) return false;
            if (e != TOMBSTONE && s.keys[i] == key) return e == NEVER || e - now > 0;
        }
    }

    /** Index of the key's slot or -1 (writer only). */
    int find(int key) {
        Slots s = slots;
        int m = s.keys.length - 1;
        for (int i = hash(key) & m; ; i = (i + 1) & m) {
            long e = s.expiry[i];
            if (e == EMPTY) return -1;
            if (e != TOMBSTONE && s.keys[i] == key) return i;
        }
    }

    /** Inserts or refreshes (writer only). */
    void put(int network, long expiry, byte flags, long createdMillis) {
        int key = network & mask;
        int at = find(key);
        Slots s = slots;
        if (at >= 0) {
            s.flags[at] = flags;
            LONGS.setRelease(s.expiry, at, expiry);
            return;
        }
        if ((used + 1) * 4 >= s.keys.length * 3) { rehash(size + 1 > s.keys.length / 2 ? s.keys.length * 2 : s.keys.length); s = slots; }
        int m = s.keys.length - 1;
        for (int i = hash(key) & m; ; i = (i + 1) & m) {
            long e = s.expiry[i];
            if (e == EMPTY || e == TOMBSTONE) {
                s.keys[i] = key; s.flags[i] = flags; s.created[i] = createdMillis;
                LONGS.setRelease(s.expiry, i, expiry);
                size++;
                if (e == EMPTY) used++;
                return;
            }
        }
    }

    /** Removes (writer only); true if it was present. */
    boolean remove(int network) {
        int at = find(network & mask);
        if (at < 0) return false;
        LONGS.setRelease(slots.expiry, at, TOMBSTONE);
        size--;
        return true;
    }

    void removeAt(int i) {
        LONGS.setRelease(slots.expiry, i, TOMBSTONE);
        size--;
    }

    private void rehash(int cap) {
        Slots old = slots, s = new Slots(cap);
        int m = cap - 1;
        for (int i = 0; i < old.keys.length; i++) {
            long e = old.expiry[i];
            if (e == EMPTY || e == TOMBSTONE) continue;
            int j = hash(old.keys[i]) & m;
            while (s.expiry[j] != EMPTY) j = (j + 1) & m;
            s.keys[j] = old.keys[i]; s.expiry[j] = e; s.flags[j] = old.flags[i]; s.created[j] = old.created[i];
        }
        used = size;
        slots = s;   // volatile publish: readers switch to the complete new table
    }
}
