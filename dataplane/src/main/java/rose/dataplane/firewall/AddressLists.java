package rose.dataplane.firewall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * All address lists of a router by name. Lists outlive rule programs: a compiled rule holds the
 * {@link AddressList} object itself, so entries added by the firewall survive a recompile, and a
 * rule naming a list that has no entries yet gets the (empty) list it will later fill.
 */
public final class AddressLists {
    private final ConcurrentHashMap<String, AddressList> lists = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public AddressLists(LongSupplier nanoClock) { this.nanoClock = nanoClock; }

    public AddressLists() { this(System::nanoTime); }

    public AddressList list(String name) { return lists.computeIfAbsent(name, n -> new AddressList(n, nanoClock)); }

    public Collection<AddressList> all() { return lists.values(); }

    public long nanos() { return nanoClock.getAsLong(); }

    /** Sweeps expired entries of every list (call from a timer, e.g. once a second). */
    public int expire() {
        long now = nanoClock.getAsLong();
        int n = 0;
        for (AddressList l : lists.values()) n += l.expire(now);
        return n;
    }

    /** Every entry of every list, for {@code /ip firewall address-list print}. */
    public List<AddressList.Entry> snapshot() {
        List<AddressList.Entry> out = new ArrayList<>();
        lists.keySet().stream().sorted().forEach(n -> out.addAll(lists.get(n).snapshot()));
        return out;
    }
}
