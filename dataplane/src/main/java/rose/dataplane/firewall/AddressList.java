package rose.dataplane.firewall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One named address list: prefixes (ranges are stored as their covering prefixes) with optional
 * timeouts. Lookup is one hash probe per prefix length in use, so a 100,000-entry list of hosts
 * costs one probe; readers never lock. Writers (the reconciler's static entries, and the
 * add-src/dst-to-address-list actions on the packet path) serialise on this object; adds from
 * the packet path allocate only when the table grows.
 *
 * Expired entries are invisible to lookups at once and removed by {@link #expire}.
 */
public final class AddressList {
    static final byte F_DYNAMIC = 1, F_CONFIG = 2;

    private final String name;
    private final LongSupplier nanoClock;
    private final PrefixTable[] byLength = new PrefixTable[33];
    private int lengthsInUse;            // writer-only bit set of prefix lengths with a table
    private volatile int[] lengthsOrder = new int[0];   // lengths present, longest first

    public AddressList(String name, LongSupplier nanoClock) { this.name = name; this.nanoClock = nanoClock; }

    public String name() { return name; }

    /** Lock-free membership test at time {@code now} (System.nanoTime scale). */
    public boolean contains(int address, long now) {
        int[] lens = lengthsOrder;
        for (int i = 0; i < lens.length; i++) if (byLength[lens[i]].contains(address, now)) return true;
        return false;
    }

    /** Static entry from the configuration (no timeout) or a dynamic one with a timeout. */
    public synchronized void addConfigured(Ipv4Range range, Duration timeout) {
        long now = nanoClock.getAsLong();
        long exp = timeout == null ? PrefixTable.NEVER : now + timeout.toNanos();
        byte f = (byte) (F_CONFIG | (timeout == null ? 0 : F_DYNAMIC));
        for (Ipv4Range p : range.toPrefixes()) put(p.first(), p.prefixLength(), exp, f);
    }

    /**
     * The firewall's add-src/dst-to-address-list. An existing entry keeps being an entry; its
     * timeout is refreshed when the new one is later (as RouterOS does for repeated hits).
     * {@code timeoutNanos <= 0} means none-dynamic (until reboot).
     */
    public synchronized void addDynamic(int address, long timeoutNanos, long now) {
        long exp = timeoutNanos <= 0 ? PrefixTable.NEVER : now + timeoutNanos;
        PrefixTable t = byLength[32];
        int at = t == null ? -1 : t.find(address);
        if (at >= 0) {
            if ((t.slots.flags[at] & F_DYNAMIC) == 0) return;              // a static entry stays static
            if (t.slots.expiry[at] == PrefixTable.NEVER) return;           // none-dynamic is never shortened
        }
        put(address, 32, exp, F_DYNAMIC);
    }

    public synchronized boolean remove(Ipv4Range range) {
        boolean any = false;
        for (Ipv4Range p : range.toPrefixes()) {
            PrefixTable t = byLength[p.prefixLength()];
            if (t != null) any |= t.remove(p.first());
        }
        return any;
    }

    /** Drops every configuration-owned entry (the reconciler re-adds the current set); firewall-added entries stay. */
    public synchronized void clearConfigured() {
        for (PrefixTable t : byLength) {
            if (t == null) continue;
            PrefixTable.Slots s = t.slots;
            for (int i = 0; i < s.keys.length; i++)
                if (live(s.expiry[i]) && (s.flags[i] & F_CONFIG) != 0) t.removeAt(i);
        }
    }

    /** Removes expired entries; returns how many. Control-plane timer work, never on the packet path. */
    public synchronized int expire(long now) {
        int n = 0;
        for (PrefixTable t : byLength) {
            if (t == null) continue;
            PrefixTable.Slots s = t.slots;
            for (int i = 0; i < s.keys.length; i++) {
                long e = s.expiry[i];
                if (live(e) && e != PrefixTable.NEVER && e - now <= 0) { t.removeAt(i); n++; }
            }
        }
        return n;
    }

    public int size() {
        int n = 0;
        for (PrefixTable t : byLength) if (t != null) n += t.size;
        return n;
    }

    /**
     * One entry as {@code /ip firewall address-list print} shows it; {@code configured} when it
     * came from the configuration, else the firewall added it (add-src/dst-to-address-list).
     */
    public record Entry(String list, Ipv4Range address, boolean dynamic, Duration timeout, long creationMillis,
                        boolean configured) {}

    /** Read-only snapshot for print (allocates; control plane). Expired-but-unswept entries are left out. */
    public synchronized List<Entry> snapshot() {
        long now = nanoClock.getAsLong();
        List<Entry> out = new ArrayList<>();
        for (PrefixTable t : byLength) {
            if (t == null) continue;
            PrefixTable.Slots s = t.slots;
            for (int i = 0; i < s.keys.length; i++) {
                long e = s.expiry[i];
                if (!live(e) || (e != PrefixTable.NEVER && e - now <= 0)) continue;
                out.add(new Entry(name, Ipv4Range.prefix(s.keys[i], t.length), (s.flags[i] & F_DYNAMIC) != 0,
                        e == PrefixTable.NEVER ? null : Duration.ofNanos(e - now), s.created[i], (s.flags[i] & F_CONFIG) != 0));
            }
        }
        out.sort((a, b) -> Integer.compareUnsigned(a.address().first(), b.address().first()));
        return out;
    }

    private static boolean live(long e) { return e != PrefixTable.EMPTY && e != PrefixTable.TOMBSTONE; }

    private void put(int network, int length, long exp, byte flags) {
        PrefixTable t = byLength[length];
        if (t == null) {
            t = new PrefixTable(length);
            byLength[length] = t;
        }
        t.put(network, exp, flags, System.currentTimeMillis());
        if ((lengthsInUse & bit(length)) == 0) {
            lengthsInUse |= bit(length);
            int[] order = new int[Integer.bitCount(lengthsInUse)];
            int k = 0;
            for (int l = 32; l >= 0; l--) if (byLength[l] != null) order[k++] = l;
            lengthsOrder = order;   // volatile publish after the table exists
        }
    }

    private static int bit(int length) { return length == 0 ? 1 << 31 : 1 << (length - 1); }
}
