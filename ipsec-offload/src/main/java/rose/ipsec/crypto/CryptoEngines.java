package rose.ipsec.crypto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The registry of crypto engines (VPP's crypto engine registry, strongSwan's crypto factory with
 * its tester). Registering probes the engine, then self-tests it against the RFC vectors; only
 * usable engines with passing algorithms are ever selected. Selection is per transform: the
 * preferred {@link EngineKind} first (the board profile or {@code offload=} setting decides), then
 * the highest priority.
 *
 * <p>Set up at start-up; reads ({@link #select}, {@link #seal}, {@link #open}) are lock-free
 * over an immutable snapshot and safe from every worker.
 */
public final class CryptoEngines {
    /** What registering one engine found. */
    public record Registration(CryptoEngine engine, Probe probe, SelfTest.Report selfTest) {
        /** Whether this engine may be chosen for the transform. */
        public boolean accepts(Transform t) {
            return probe.usable() && t.protects() && engine.supports(t) && selfTest.accepts(t);
        }
    }

    private final List<KnownAnswer> vectors;
    private volatile List<Registration> registrations = List.of();
    private volatile EngineKind preferred;   // null: priority alone

    public CryptoEngines(List<KnownAnswer> vectors) {
        this.vectors = List.copyOf(vectors);
    }

    /** JCE, Bouncy Castle, null and AF_ALG (which probes itself out on kernels without it). */
    public static CryptoEngines standard() {
        CryptoEngines r = new CryptoEngines(Vectors.all());
        r.register(new JceEngine());
        r.register(new BouncyCastleEngine());
        r.register(new NullEngine());
        r.register(new AfAlgEngine());
        return r;
    }

    /** Probes and self-tests the engine; its record says what was accepted and why not. */
    public synchronized Registration register(CryptoEngine engine) {
        Probe p = engine.probe();
        SelfTest.Report st = p.usable()
                ? SelfTest.run(engine, vectors)
                : new SelfTest.Report(engine.name(), List.of(), List.of(), java.util.Set.of(), java.util.Set.of());
        Registration r = new Registration(engine, p, st);
        List<Registration> next = new ArrayList<>(registrations);
        next.add(r);
        registrations = List.copyOf(next);
        return r;
    }

    public List<Registration> registrations() { return registrations; }

    /** Prefers engines of this kind when they accept a transform; null for priority alone. */
    public void prefer(EngineKind kind) { preferred = kind; }

    public Optional<EngineKind> preferred() { return Optional.ofNullable(preferred); }

    /** The engine that should run this transform here, if any accepts it. */
    public Optional<CryptoEngine> select(Transform t) {
        EngineKind pref = preferred;
        Comparator<Registration> order = Comparator.comparingInt((Registration r) -> r.engine().kind() == pref ? 0 : 1)
                .thenComparing(Comparator.comparingInt((Registration r) -> r.engine().priority()).reversed());
        return registrations.stream().filter(r -> r.accepts(t)).sorted(order).map(Registration::engine).findFirst();
    }

    /** Keys a new SA on the selected engine. */
    public SaCipher newSa(Transform t, byte[] encKeymat, byte[] authKeymat) {
        CryptoEngine e = select(t).orElseThrow(() -> new IllegalArgumentException("no engine accepts " + t));
        return e.newSa(t, encKeymat, authKeymat);
    }

    /** Seals a batch whose slots may belong to several engines: each engine runs once over it. */
    public void seal(CryptoBatch batch) { run(batch, true); }

    public void open(CryptoBatch batch) { run(batch, false); }

    private void run(CryptoBatch batch, boolean seal) {
        for (Registration r : registrations) {
            if (!owns(batch, r.engine())) continue;
            if (seal) r.engine().seal(batch); else r.engine().open(batch);
        }
        for (int k = 0; k < batch.size(); k++)   // an SA of an engine not registered here
            if (batch.status(k) == CryptoStatus.PENDING) batch.complete(k, CryptoStatus.ENGINE_ERROR);
    }

    private static boolean owns(CryptoBatch b, CryptoEngine e) {
        for (int k = 0; k < b.size(); k++) {
            SaCipher sa = b.sa(k);
            if (sa != null && sa.engine() == e) return true;
        }
        return false;
    }
}
