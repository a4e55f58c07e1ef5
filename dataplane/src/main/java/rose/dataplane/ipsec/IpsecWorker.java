package rose.dataplane.ipsec;

import java.util.HashMap;
import java.util.Map;

import rose.ipsec.backend.IpsecEvent;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.crypto.CryptoBatch;

/**
 * Everything IPsec keeps per dataplane worker: the pinned {@link IpsecTables} snapshot, the
 * runtime state of every SA ({@link SaRuntime}, indexed like the snapshot's SAs), and the crypto
 * batch. Shared by the seven IPsec nodes of one worker, which all run on that worker's thread.
 *
 * <p>Why pinned: {@code ipsec4-output-policy} hands {@code esp4-encrypt} an SA <em>index</em> in
 * the packet's metadata; both must read the same snapshot or a swap in between could encrypt
 * to another peer. The snapshot changes only when no packet carries an index
 * ({@link #inFlight} == 0), which is true at the start of every graph run.
 */
final class IpsecWorker {
    private final DataplaneIpsecBackend backend;
    final CryptoBatch batch = new CryptoBatch();
    /** The half of a vector offered to other workers ({@link ParallelCrypto}). */
    final CryptoBatch jobBatch = new CryptoBatch();
    private IpsecTables tables = IpsecTables.EMPTY;
    private SaRuntime[] runtimes = new SaRuntime[0];
    /** Packets tagged with an SA index not yet consumed by esp4-encrypt. */
    int inFlight;
    /** Node instances that have claimed this worker (seven per graph). */
    int claims;

    IpsecWorker(DataplaneIpsecBackend backend) { this.backend = backend; }

    /** The snapshot for this vector: the newest one, unless indices are in flight. */
    IpsecTables tables() {
        IpsecTables t = backend.current();
        if (t != tables && inFlight == 0) repin(t);
        return tables;
    }

    SaRuntime runtime(int index) { return index >= 0 && index < runtimes.length ? runtimes[index] : null; }

    /**
     * Control plane: every runtime of this worker by SA serial (counters are read relaxed). Built
     * once per pinned snapshot, when first asked, not per call: status reads ask once per SA, and
     * with 2,000 SAs a map built per call made one {@code installed-sa print} cost 4 million puts.
     * (Built here rather than in {@link #repin}, which runs on the packet path.)
     */
    synchronized Map<Long, SaRuntime> runtimesBySerial() {
        if (indexed != runtimes) {
            Map<Long, SaRuntime> m = new HashMap<>();
            for (SaRuntime r : runtimes) if (r != null) m.put(r.entry.serial(), r);
            bySerial = java.util.Collections.unmodifiableMap(m);
            indexed = runtimes;
        }
        return bySerial;
    }

    private SaRuntime[] indexed;
    private Map<Long, SaRuntime> bySerial = Map.of();

    private synchronized void repin(IpsecTables t) {
        Map<Long, SaRuntime> old = new HashMap<>();
        for (SaRuntime r : runtimes) if (r != null) old.put(r.entry.serial(), r);
        SaRuntime[] next = new SaRuntime[t.saCount()];
        for (int i = 0; i < next.length; i++) {
            SaEntry e = t.sa(i);
            if (e == null) continue;
            SaRuntime r = old.remove(e.serial());
            if (r != null && (r.entry == e || r.entry.sameKeys(e))) { r.entry = e; next[i] = r; continue; }
            if (r != null) r.close();
            try {
                next[i] = new SaRuntime(e, backend.engines());
            } catch (RuntimeException ex) {     // no engine accepts it: packets of this SA drop as no-sa
                next[i] = null;
            }
        }
        for (SaRuntime r : old.values()) r.close();
        runtimes = next;
        tables = t;
    }

    /** Counts one packet of {@code bytes} octets on an SA and fires its soft/hard limits. */
    void account(SaRuntime r, int bytes, long now) {
        r.bytes += bytes;
        r.packets++;
        if (r.firstUseNanos == 0) r.firstUseNanos = now == 0 ? 1 : now;
        Lifetime l = r.entry.params().lifetime();
        if (!r.softFired) {
            IpsecEvent.LimitKind k = l.softPackets() > 0 && r.packets >= l.softPackets() ? IpsecEvent.LimitKind.PACKETS
                    : l.softBytes() > 0 && r.bytes >= l.softBytes() ? IpsecEvent.LimitKind.BYTES : null;
            if (k != null) { r.softFired = true; backend.post(new IpsecEvent.SoftExpire(r.entry.params().id(), k)); }
        }
        if (!r.hardFired) {
            IpsecEvent.LimitKind k = l.hardPackets() > 0 && r.packets >= l.hardPackets() ? IpsecEvent.LimitKind.PACKETS
                    : l.hardBytes() > 0 && r.bytes >= l.hardBytes() ? IpsecEvent.LimitKind.BYTES : null;
            if (k != null) { r.hardFired = true; backend.post(new IpsecEvent.HardExpire(r.entry.params().id(), k)); }
        }
    }

    DataplaneIpsecBackend backend() { return backend; }
}
