package rose.ipsec.backend;

import java.util.List;
import java.util.Optional;
import rose.ipsec.crypto.Transform;

/**
 * Seam 2 of 2 for IPsec (STYLE "Two seams, never merged"): where SAs and policies live — the
 * userspace dataplane ({@code dataplane/}) or the kernel through XFRM netlink (here, later).
 * strongSwan's {@code kernel_ipsec_t} is the model; the words are XFRM's.
 *
 * <p>IKE is the only writer. Calls are control-plane (they may block briefly on netlink) and
 * never run on dataplane workers. Capabilities are methods here, not a switch over backends.
 */
public interface IpsecBackend extends AutoCloseable {
    /** {@code userspace}, {@code kernel-xfrm} … (shown in {@code installed-sa} as the H flag's cause). */
    String name();

    /** Whether SAs with this transform can be installed (kernel: the algorithm is registered). */
    boolean supports(Transform transform);

    /** Whether this backend keeps SAs bound to an interface id (route-based VPN, XFRM interfaces). */
    boolean supportsInterfaceIds();

    /** Installs an SA. ALREADY_EXISTS if its {@link SaId} is taken; INVALID/UNSUPPORTED otherwise. */
    void addSa(SaParams sa) throws IpsecBackendException;

    /**
     * Replaces an installed SA's parameters in place, keeping its counters (XFRM UPDSA): NAT-T
     * port changes, lifetimes. NOT_FOUND if absent.
     */
    void updateSa(SaParams sa) throws IpsecBackendException;

    /** Counters of an installed SA, empty if absent (expired, deleted, never added). */
    Optional<SaCounters> querySa(SaId id);

    /** Removes an SA. NOT_FOUND if absent. No expire event is sent for an explicit delete. */
    void deleteSa(SaId id) throws IpsecBackendException;

    /** Installs a policy. ALREADY_EXISTS if its {@link PolicyKey} is taken. */
    void addPolicy(Policy policy) throws IpsecBackendException;

    /** Removes a policy. NOT_FOUND if absent. */
    void deletePolicy(PolicyKey key) throws IpsecBackendException;

    /** Installed policies, in lookup order (priority, then insertion). */
    List<Policy> policies();

    /** Where events go; one listener, replaced by a second call. */
    void setListener(IpsecEventListener listener);

    /** Removes everything this backend installed (RouterOS {@code installed-sa flush} and shutdown). */
    @Override void close();
}
