package rose.dataplane.ipsec;

import rose.ipsec.backend.SaCounters;
import rose.ipsec.backend.SaParams;
import rose.ipsec.crypto.EncAlgorithm;

/**
 * One row of {@code /ip ipsec installed-sa print} (reference 02 §9), read live. Keys are not
 * here: RouterOS prints them only on request and they stay in the backend.
 *
 * @param flags       RouterOS flags: S seen-traffic, H hw-aead (never for the userspace engines), E ESP, A AH
 * @param srcAddress  with {@code :port} when NAT-T encapsulated, as RouterOS prints it
 * @param state       mature, or dying once a soft limit passed
 * @param addLifetime {@code soft/hard} in seconds, 0 = none
 */
public record InstalledSa(String flags, int spi, String srcAddress, String dstAddress, String state, String authAlgorithm,
                          String encAlgorithm, int encKeySize, long currentBytes, long currentPackets, long invalidPackets,
                          int replay, long addTimeSeconds, String addLifetime) {

    static InstalledSa of(SaEntry e, SaCounters c, boolean dying, long nowNanos) {
        SaParams p = e.params();
        boolean ah = e.ah();
        String enc = ah ? "none" : p.transform().enc() == EncAlgorithm.NULL ? "null" : p.transform().enc().installedSaName();
        String flags = (c.seenTraffic() ? "S" : "") + (ah ? "A" : "E");
        String src = p.src().getHostAddress() + (e.encapsulated() ? ":" + e.encapSrcPort() : "");
        String dst = p.id().dst().getHostAddress() + (e.encapsulated() ? ":" + e.encapDstPort() : "");
        return new InstalledSa(flags, p.id().spi(), src, dst, dying ? "dying" : "mature", p.transform().auth().installedSaName(),
                enc, p.transform().encKeyBits(), c.bytes(), c.packets(), c.replayDrops() + c.integrityFailures(),
                p.replayWindow(), c.addTimeSeconds(), p.lifetime().softSeconds() + "/" + p.lifetime().hardSeconds());
    }

    /** {@code 0x9965D31}, as RouterOS prints an SPI. */
    public String spiText() { return "0x" + Integer.toHexString(spi).toUpperCase(); }
}
