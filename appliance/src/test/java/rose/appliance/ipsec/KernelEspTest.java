package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.crypto.Encryption;
import rose.ike.crypto.Integrity;
import rose.ike.message.TrafficSelector;
import rose.ipsec.backend.IpsecBackend;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.IpsecEventListener;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.SaCounters;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * offload=kernel through the installer: what goes into the kernel's XFRM (a recording stand-in
 * that refuses duplicates as the kernel does), what stays in software and why. The real kernel
 * is exercised by the two-image qemu test (firmware-image, FirmwareIpsecTunnelTest).
 */
class KernelEspTest {
    static final int IF_ID = 77;
    private final FakeKernel xfrm = new FakeKernel();
    private final DataplaneIpsecBackend dataplane = new DataplaneIpsecBackend(CryptoEngines.standard(), System::nanoTime);
    private final List<String> errors = new ArrayList<>();
    private final BackendInstaller installer = new BackendInstaller(dataplane, CryptoEngines.standard(), (peer, msg) -> errors.add(msg));

    KernelEspTest() {
        installer.kernel(new KernelEsp(xfrm, IF_ID, () -> { }));
        installer.configure("kernel", sa -> 3, peer -> 0);
    }

    @Test
    void aTunnelSaPairGoesToTheKernelWithItsPolicies() {
        NegotiatedChildSa sa = child(0x100, 0x200, NegotiatedChildSa.Encapsulation.NONE);
        installer.installInbound(sa);
        installer.installOutbound(sa, null);
        assertEquals(List.of(), errors);
        BackendInstaller.Installed i = installer.all().get(0);
        assertTrue(i.engine().kernel(), i.engine().why());
        assertEquals("kernel-xfrm (offload=kernel)", i.engine().why());

        SaParams in = xfrm.sas.get(i.inbound()), out = xfrm.sas.get(i.outbound());
        assertEquals(IF_ID, in.ifId(), "decrypted packets appear on the XFRM interface, whose rule returns them to the dataplane");
        assertEquals(0, out.ifId(), "the OUT policy of forwarded clear packets has no if_id");
        assertEquals("165.95.23.2", in.src().getHostAddress());
        assertEquals("87.16.79.2", in.id().dst().getHostAddress());
        assertEquals("165.95.23.2", out.id().dst().getHostAddress());
        assertEquals(SaMode.TUNNEL, out.mode());

        Policy o = policy(PolicyDirection.OUT);
        assertEquals("192.168.30.0/24", o.selector().src().toString());
        assertEquals("192.168.90.0/24", o.selector().dst().toString());
        assertEquals(0, o.key().ifId());
        assertEquals(Optional.of(addr("165.95.23.2")), o.templates().get(0).saDst());
        assertEquals(3, o.templates().get(0).reqId());
        for (PolicyDirection d : List.of(PolicyDirection.IN, PolicyDirection.FWD)) {
            Policy p = policy(d);
            assertEquals("192.168.90.0/24", p.selector().src().toString());
            assertEquals(IF_ID, p.key().ifId());
            assertEquals(Optional.of(addr("165.95.23.2")), p.templates().get(0).saSrc());
        }
        assertEquals(3, xfrm.policies.size());
        assertTrue(dataplane.querySa(i.inbound()).isPresent(), "the dataplane keeps the SA for its lookups and lifetimes");
    }

    @Test
    void aRekeySharesThePoliciesAndTheLastSaTakesThemAway() {
        NegotiatedChildSa old = child(0x100, 0x200, NegotiatedChildSa.Encapsulation.NONE);
        NegotiatedChildSa fresh = child(0x101, 0x201, NegotiatedChildSa.Encapsulation.NONE);
        installer.installInbound(old);
        installer.installOutbound(old, null);
        installer.installInbound(fresh);
        installer.installOutbound(fresh, old);
        assertEquals(List.of(), errors, "the kernel refuses a second policy of the same selector: it must not be asked");
        assertEquals(4, xfrm.sas.size());
        installer.remove(old, "rekeyed");
        assertEquals(2, xfrm.sas.size());
        assertEquals(3, xfrm.policies.size(), "the new pair still needs them");
        installer.remove(fresh, "deleted");
        assertEquals(Map.of(), xfrm.sas);
        assertEquals(Map.of(), xfrm.policies);
    }

    @Test
    void natTraversalStaysInSoftwareAndSaysWhy() {
        NegotiatedChildSa sa = child(0x100, 0x200, NegotiatedChildSa.Encapsulation.UDP);
        installer.installInbound(sa);
        installer.installOutbound(sa, null);
        BackendInstaller.Installed i = installer.all().get(0);
        assertFalse(i.engine().kernel());
        assertTrue(i.engine().why().startsWith("software: offload=kernel, but ESP in UDP"), i.engine().why());
        assertEquals(Map.of(), xfrm.sas);
    }

    @Test
    void aKernelThatRefusesTheSaLeavesItInSoftware() {
        xfrm.refuse = true;
        NegotiatedChildSa sa = child(0x100, 0x200, NegotiatedChildSa.Encapsulation.NONE);
        installer.installInbound(sa);
        installer.installOutbound(sa, null);
        BackendInstaller.Installed i = installer.all().get(0);
        assertFalse(i.engine().kernel());
        assertTrue(i.engine().why().contains("the kernel refused the SA"), i.engine().why());
        assertTrue(dataplane.querySa(i.outbound()).isPresent(), "still carried, by the userspace ESP");
    }

    @Test
    void aRouteBasedTunnelStaysInSoftware() {
        installer.configure("kernel", sa -> 3, peer -> 5);        // the peer has an /interface ipsec (if_id 5)
        NegotiatedChildSa sa = child(0x100, 0x200, NegotiatedChildSa.Encapsulation.NONE);
        installer.installInbound(sa);
        installer.installOutbound(sa, null);
        assertFalse(installer.all().get(0).engine().kernel());
        assertTrue(installer.all().get(0).engine().why().contains("route-based"), installer.all().get(0).engine().why());
        assertEquals(Map.of(), xfrm.sas);
    }

    @Test
    void otherSettingsNeverUseTheKernel() {
        installer.configure("auto", sa -> 3, peer -> 0);
        NegotiatedChildSa sa = child(0x100, 0x200, NegotiatedChildSa.Encapsulation.NONE);
        installer.installInbound(sa);
        installer.installOutbound(sa, null);
        assertFalse(installer.all().get(0).engine().kernel());
        assertEquals(Map.of(), xfrm.sas);
    }

    private Policy policy(PolicyDirection d) {
        for (Policy p : xfrm.policies.values()) if (p.direction() == d) return p;
        throw new AssertionError("no " + d + " policy in " + xfrm.policies.keySet());
    }

    /** Boise's side of the seed's tunnel: 87.16.79.2 (192.168.30.0/24) to 165.95.23.2 (192.168.90.0/24). */
    private static NegotiatedChildSa child(int in, int out, NegotiatedChildSa.Encapsulation encap) {
        byte[] k = new byte[16], a = new byte[20];
        return new NegotiatedChildSa("seattle", 1, 2, in, out, NegotiatedChildSa.Mode.TUNNEL, encap,
                new InetSocketAddress(addr("87.16.79.2"), encap == NegotiatedChildSa.Encapsulation.UDP ? 4500 : 500),
                new InetSocketAddress(addr("165.95.23.2"), encap == NegotiatedChildSa.Encapsulation.UDP ? 4500 : 500),
                Encryption.AES_CBC, 128, Integrity.HMAC_SHA1_96, false, k, a, k, a,
                List.of(TrafficSelector.ofPrefix(new byte[] {(byte) 192, (byte) 168, 30, 0}, 24, 0, 0)),
                List.of(TrafficSelector.ofPrefix(new byte[] {(byte) 192, (byte) 168, 90, 0}, 24, 0, 0)), 1800, 1800);
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The kernel's XFRM as far as the installer can tell: EEXIST on a second SA or policy of the same key. */
    static final class FakeKernel implements IpsecBackend {
        final Map<SaId, SaParams> sas = new LinkedHashMap<>();
        final Map<PolicyKey, Policy> policies = new LinkedHashMap<>();
        boolean refuse;

        @Override public String name() { return "fake-xfrm"; }
        @Override public boolean supports(Transform t) { return true; }
        @Override public boolean supportsInterfaceIds() { return true; }

        @Override public void addSa(SaParams sa) throws IpsecBackendException {
            if (refuse) throw new IpsecBackendException(IpsecBackendException.Reason.UNSUPPORTED, "EPROTONOSUPPORT");
            if (sas.putIfAbsent(sa.id(), sa) != null) throw new IpsecBackendException(IpsecBackendException.Reason.ALREADY_EXISTS, sa.id().toString());
        }

        @Override public void updateSa(SaParams sa) { sas.put(sa.id(), sa); }
        @Override public Optional<SaCounters> querySa(SaId id) { return Optional.empty(); }

        @Override public void deleteSa(SaId id) throws IpsecBackendException {
            if (sas.remove(id) == null) throw new IpsecBackendException(IpsecBackendException.Reason.NOT_FOUND, id.toString());
        }

        @Override public void addPolicy(Policy p) throws IpsecBackendException {
            if (policies.putIfAbsent(p.key(), p) != null) throw new IpsecBackendException(IpsecBackendException.Reason.ALREADY_EXISTS, p.key().toString());
        }

        @Override public void deletePolicy(PolicyKey key) throws IpsecBackendException {
            if (policies.remove(key) == null) throw new IpsecBackendException(IpsecBackendException.Reason.NOT_FOUND, key.toString());
        }

        @Override public List<Policy> policies() { return List.copyOf(policies.values()); }
        @Override public void setListener(IpsecEventListener listener) { }
        @Override public void close() { }
    }
}
