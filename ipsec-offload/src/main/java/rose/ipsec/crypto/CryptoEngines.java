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
    /** Engines probed and self-tested only when a transform would select them ({@link #registerWhenNeeded}). */
    private volatile List<CryptoEngine> deferred = List.of();
    private volatile EngineKind preferred;   // null: priority alone

    public CryptoEngines(List<KnownAnswer> vectors) {
        this.vectors = List.copyOf(vectors);
    }

    /**
     * JCE, null and AF_ALG (which probes itself out on kernels without it), and Bouncy Castle
     * when a transform first needs it.
     */
    public static CryptoEngines standard() {
        CryptoEngines r = new CryptoEngines(Vectors.all());
        r.register(new JceEngine());
        r.registerWhenNeeded(new BouncyCastleEngine());
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

    /**
     * Registers the engine the first time {@link #select} finds it would rank above every
     * registered engine that accepts a transform, so selection is the same as if it had been
     * registered now. Bouncy Castle is the home of what JCE lacks (Camellia, Twofish, Blowfish…):
     * self-testing it at boot loaded its ciphers' classes into every router, and twice, once per
     * registry; a router whose SAs all use AES never needs them.
     */
    public synchronized void registerWhenNeeded(CryptoEngine engine) {
        List<CryptoEngine> next = new ArrayList<>(deferred);
        next.add(engine);
        deferred = List.copyOf(next);
    }

    /** Registered engines; one registered {@link #registerWhenNeeded when needed} appears once it was. */
    public List<Registration> registrations() { return registrations; }

    /** Prefers engines of this kind when they accept a transform; null for priority alone. */
    public void prefer(EngineKind kind) { preferred = kind; }

    public Optional<EngineKind> preferred() { return Optional.ofNullable(preferred); }

    /** The engine that should run this transform here, if any accepts it. */
    public Optional<CryptoEngine> select(Transform t) {
        EngineKind pref = preferred;
        Comparator<CryptoEngine> order = Comparator.comparingInt((CryptoEngine e) -> e.kind() == pref ? 0 : 1)
                .thenComparing(Comparator.comparingInt(CryptoEngine::priority).reversed());
        while (true) {
            Optional<CryptoEngine> best = registrations.stream().filter(r -> r.accepts(t)).map(Registration::engine).sorted(order).findFirst();
            CryptoEngine wanted = null;
            for (CryptoEngine d : deferred)
                if (t.protects() && d.supports(t) && (best.isEmpty() || order.compare(d, best.get()) < 0)) { wanted = d; break; }
            if (wanted == null) return best;
            activate(wanted);
        }
    }

    private synchronized void activate(CryptoEngine engine) {
        if (!deferred.contains(engine)) return;       // another thread registered it first
        List<CryptoEngine> next = new ArrayList<>(deferred);
        next.remove(engine);
        register(engine);
        deferred = List.copyOf(next);
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
