package rose.appliance.ipsec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.ike.core.ChildSaInstaller;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.crypto.Encryption;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.backend.UdpEncap;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * IKE's CHILD_SAs into the userspace SAD ({@link DataplaneIpsecBackend}), and, for
 * {@code offload=kernel} SAs on a router with the hand-off, into the kernel's XFRM too
 * ({@link KernelEsp}: the dataplane then hands their packets to the kernel).
 *
 * <ol>
 *   <li>{@code installInbound}: the SA we decrypt with (dst = our address), then
 *       {@code installOutbound}: the SA towards the peer; the backend sends on the newest
 *       outbound SA that fits the policy's template, so the order IKE hands them over is the
 *       make-before-break order; the replaced SA stays until IKE removes it;</li>
 *   <li>each SA carries the request id of the configured policy whose selectors hold the
 *       negotiated ones (so two policies to one peer use their own SAs), and the interface id
 *       of an {@code /interface ipsec} of that peer (route-based);</li>
 *   <li>the engine is chosen per SA ({@link OffloadChoice}) and remembered for installed-sa;</li>
 *   <li>a failure to install is logged and the SA is forgotten (IKE deletes it when the peer
 *       uses it no more).</li>
 * </ol>
 * Called on the IKE loop only.
 */
final class BackendInstaller implements ChildSaInstaller {
    /** What is installed for one CHILD_SA. */
    record Installed(NegotiatedChildSa sa, SaId inbound, SaId outbound, int reqId, OffloadChoice engine) {}

    private final DataplaneIpsecBackend backend;
    private final CryptoEngines engines;
    private final BiConsumer<String, String> errorLog;
    private final Map<Integer, Installed> byInbound = new LinkedHashMap<>();
    private volatile ToIntFunction<NegotiatedChildSa> reqIdOf = sa -> 0;
    private volatile ToIntFunction<String> ifIdOf = peer -> 0;
    private volatile String offload = "auto";
    private volatile rose.board.CryptoEngineInfo board = rose.board.CryptoEngineInfo.none();
    private volatile KernelEsp kernel;

    BackendInstaller(DataplaneIpsecBackend backend, CryptoEngines engines, BiConsumer<String, String> errorLog) {
        this.backend = backend;
        this.engines = engines;
        this.errorLog = errorLog;
    }

    /** The board profile's crypto row, which {@code offload=auto} consults. */
    void board(rose.board.CryptoEngineInfo crypto) { this.board = crypto; }

    /** The kernel's XFRM and the hand-off to it: {@code offload=kernel} SAs go there from now on. */
    void kernel(KernelEsp k) { this.kernel = k; }

    /** The kernel's own counters of a kernel-held SA; empty for any other. */
    Optional<rose.ipsec.backend.SaCounters> kernelCounters(Installed i, SaId id) {
        KernelEsp k = kernel;
        return k == null || !i.engine().kernel() ? Optional.empty() : k.counters(id);
    }

    void configure(String offloadSetting, ToIntFunction<NegotiatedChildSa> reqIds, ToIntFunction<String> ifIds) {
        this.offload = offloadSetting;
        this.reqIdOf = reqIds;
        this.ifIdOf = ifIds;
    }

    @Override
    public void installInbound(NegotiatedChildSa sa) {
        try {
            int reqId = reqIdOf.applyAsInt(sa);
            Transform t = transform(sa);
            SaParams in = params(sa, true, t, reqId);
            KernelEsp k = kernel;
            OffloadChoice choice = k == null ? OffloadChoice.decide(offload, t, engines, board)
                    : OffloadChoice.decide(offload, t, engines, board, in.ifId() != 0
                            // its policies are the interface's (often 0.0.0.0/0): the kernel would encrypt its own traffic too
                            ? Optional.of("an /interface ipsec (route-based) stays in userspace") : k.refusal(sa, t));
            if (choice.kernel()) {
                try {
                    k.installInbound(sa, in, reqId);
                } catch (IpsecBackendException e) {
                    choice = new OffloadChoice(choice.kind(), false, "software: offload=kernel, but the kernel refused the SA: " + e.getMessage());
                }
            }
            if (!choice.kernel()) {
                addPinned(in, inboundCpu(sa));
            } else {
                try {
                    backend.addKernelSa(in);
                } catch (IpsecBackendException | IllegalArgumentException e) {
                    k.remove(sa, in.id(), null);
                    throw e;
                }
            }
            byInbound.put(sa.inboundSpi(), new Installed(sa, in.id(), null, reqId, choice));
        } catch (IpsecBackendException | IllegalArgumentException e) {
            errorLog.accept(sa.peerName(), "failed to install inbound SA 0x" + Integer.toHexString(sa.inboundSpi()) + ": " + e.getMessage());
        }
    }

    @Override
    public void installOutbound(NegotiatedChildSa sa, NegotiatedChildSa replaces) {
        Installed i = byInbound.get(sa.inboundSpi());
        if (i == null) return;
        try {
            SaParams out = params(sa, false, transform(sa), i.reqId());
            if (i.engine().kernel()) {
                kernel.installOutbound(sa, out, i.reqId());
                backend.addKernelSa(out);
            } else {
                addPinned(out, sa.cpu());
            }
            byInbound.put(sa.inboundSpi(), new Installed(sa, i.inbound(), out.id(), i.reqId(), i.engine()));
        } catch (IpsecBackendException | IllegalArgumentException e) {
            errorLog.accept(sa.peerName(), "failed to install outbound SA 0x" + Integer.toHexString(sa.outboundSpi()) + ": " + e.getMessage());
        }
    }

    @Override
    public void remove(NegotiatedChildSa sa, String reason) {
        Installed i = byInbound.remove(sa.inboundSpi());
        if (i == null) return;
        delete(i);
    }

    /** Both SAs of {@code i} leave the backend, and the kernel if it held them. */
    private void delete(Installed i) {
        delete(i.inbound());
        if (i.outbound() != null) delete(i.outbound());
        if (i.engine().kernel() && kernel != null) kernel.remove(i.sa(), i.inbound(), i.outbound());
    }

    /**
     * RFC 9611 per-CPU SAs: a pair IKE pinned to a worker goes to the backend as per-CPU SAs of
     * that worker (it encrypts with its own, and ESP of the inbound SPI is steered to it); every
     * other SA as a plain one.
     */
    private void addPinned(SaParams p, int cpu) throws IpsecBackendException {
        if (cpu >= 0) backend.addPerCpuSa(p, cpu);
        else backend.addSa(p);
    }

    /**
     * The worker that decrypts an SA's ESP: a per-CPU SA's own; the fallback SA's on worker 0,
     * since the peer's worker 0 is the one that encrypts with it (its other workers have SAs of
     * their own), so each of our workers opens one SA's traffic instead of the flow hash putting
     * the fallback beside a per-CPU SA on one worker. Its outbound half stays unpinned.
     */
    private static int inboundCpu(NegotiatedChildSa sa) {
        return sa.cpu() == NegotiatedChildSa.FALLBACK ? 0 : sa.cpu();
    }

    /** Mode-config client: the address each peer gave us last (active-peers' dynamic-address). */
    private final Map<String, java.net.InetAddress> received = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile BiConsumer<String, rose.ike.message.CfgAttributes> onModeConfig = (p, a) -> {};

    void onModeConfig(BiConsumer<String, rose.ike.message.CfgAttributes> listener) { this.onModeConfig = listener; }

    Map<String, java.net.InetAddress> received() { return received; }

    @Override
    public void modeConfigReceived(String peerName, rose.ike.message.CfgAttributes attributes) {
        if (attributes.address() != null) received.put(peerName, attributes.address());
        onModeConfig.accept(peerName, attributes);
    }

    @Override
    public void natMappingChanged(NegotiatedChildSa sa, InetSocketAddress oldRemote) {
        Installed i = byInbound.get(sa.inboundSpi());
        if (i == null) return;
        try {
            // the outbound SA's destination address may change: replace it; the inbound one keeps its id
            Transform t = transform(sa);
            backend.updateSa(params(sa, true, t, i.reqId()));
            if (i.outbound() != null) delete(i.outbound());
            SaParams out = params(sa, false, t, i.reqId());
            addPinned(out, sa.cpu());
            byInbound.put(sa.inboundSpi(), new Installed(sa, i.inbound(), out.id(), i.reqId(), i.engine()));
        } catch (IpsecBackendException | IllegalArgumentException e) {
            errorLog.accept(sa.peerName(), "failed to follow the NAT mapping change: " + e.getMessage());
        }
    }

    /** {@code installed-sa flush}: every SA leaves the backend now (IKE still believes in them; traffic re-triggers). */
    List<Installed> flush() {
        List<Installed> all = new ArrayList<>(byInbound.values());
        byInbound.clear();
        for (Installed i : all) delete(i);
        return all;
    }

    /** The CHILD_SA an installed SA (either direction) belongs to, by SPI. */
    Installed bySpi(int spi) {
        for (Installed i : byInbound.values())
            if (i.inbound().spi() == spi || (i.outbound() != null && i.outbound().spi() == spi)) return i;
        return null;
    }

    List<Installed> all() { return List.copyOf(byInbound.values()); }

    private void delete(SaId id) {
        try {
            backend.deleteSa(id);
        } catch (IpsecBackendException e) {
            // already gone (hard expiry in the backend, or a flush): nothing to undo
        }
    }

    private SaParams params(NegotiatedChildSa sa, boolean inbound, Transform t, int reqId) {
        InetAddress local = sa.local().getAddress(), remote = sa.remote().getAddress();
        Optional<UdpEncap> encap = sa.encapsulation() == NegotiatedChildSa.Encapsulation.UDP
                ? Optional.of(inbound ? new UdpEncap(sa.remote().getPort(), sa.local().getPort()) : new UdpEncap(sa.local().getPort(), sa.remote().getPort()))
                : Optional.empty();
        SaMode mode = sa.mode() == NegotiatedChildSa.Mode.TUNNEL ? SaMode.TUNNEL : SaMode.TRANSPORT;
        Lifetime life = Lifetime.ofSeconds(Math.min(sa.softLifetimeSeconds(), sa.hardLifetimeSeconds()), sa.hardLifetimeSeconds());
        int ifId = ifIdOf.applyAsInt(sa.peerName());
        IpsecProtocol proto = sa.protocol() == NegotiatedChildSa.Protocol.AH ? IpsecProtocol.AH : IpsecProtocol.ESP;
        return inbound
                ? new SaParams(new SaId(sa.inboundSpi(), local, proto), remote, mode, t, sa.inboundEncKey(),
                        sa.inboundIntegKey(), encap, 128, sa.esn(), life, reqId, ifId, Optional.empty())
                : new SaParams(new SaId(sa.outboundSpi(), remote, proto), local, mode, t, sa.outboundEncKey(),
                        sa.outboundIntegKey(), encap, 128, sa.esn(), life, reqId, ifId, Optional.empty());
    }

    /** IKE's negotiated transform in the backend's words (RouterOS names). */
    static Transform transform(NegotiatedChildSa sa) {
        return Transform.of(encName(sa.encryption(), sa.encKeyBits()), sa.integrity().routerOsName);
    }

    static String encName(Encryption e, int bits) {
        switch (e) {
            case AES_CBC: return "aes-" + bits + "-cbc";
            case AES_CTR: return "aes-" + bits + "-ctr";
            case AES_GCM_16: return "aes-" + bits + "-gcm";
            case CAMELLIA_CBC: return "camellia-" + bits;
            case CHACHA20_POLY1305: return "chacha20poly1305";
            case TRIPLE_DES_CBC: return "3des";
            case DES_CBC: return "des";
            case BLOWFISH_CBC: return "blowfish";
            case NULL: return "null";
            default: throw new IllegalArgumentException(e + " is not implemented by the userspace ESP");
        }
    }
}
