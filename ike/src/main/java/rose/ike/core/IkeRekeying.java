package rose.ike.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import rose.ike.config.IkeProfile;
import rose.ike.config.RouterOsAlgorithms;
import rose.ike.crypto.IkeKeys;
import rose.ike.crypto.IkeSuite;
import rose.ike.crypto.SkCipher;
import rose.ike.message.IkeException;
import rose.ike.message.Proposal;

/**
 * What both sides of an IKE SA rekey (RFC 7296 §1.3.2, §2.18) share: the proposals with the new
 * SPI, and the new IKE SA keyed from the old one:
 * <pre>SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)</pre>
 * The new SA's initiator is whoever initiated the rekey; message IDs start again at 0.
 */
final class IkeRekeying {
    private IkeRekeying() {}

    static List<Proposal> proposals(IkeProfile p, long spi) {
        List<Proposal> out = new ArrayList<>();
        byte[] s = spiBytes(spi);
        for (Proposal x : RouterOsAlgorithms.ikeProposals(p.hashAlgorithms(), p.prfAlgorithm(), p.encAlgorithms(), p.dhGroups()))
            out.add(new Proposal(x.number(), x.protocolId(), s, x.transforms()));
        return out;
    }

    static byte[] spiBytes(long spi) { return ByteBuffer.allocate(8).putLong(spi).array(); }

    static long spiOf(Proposal p) throws IkeException {
        if (p.spi().length != 8) throw IkeException.syntax("IKE rekey proposal with a " + p.spi().length + "-byte SPI");
        long v = ByteBuffer.wrap(p.spi()).getLong();
        if (v == 0) throw IkeException.syntax("IKE rekey proposal with a zero SPI");
        return v;
    }

    /** The replacement IKE SA, ESTABLISHED and registered with the daemon; CHILD_SAs move later. */
    static IkeSa newSa(IkeSa old, boolean initiator, long spiI, long spiR, IkeSuite suite, byte[] ni, byte[] nr, byte[] gir) throws IkeException {
        IkeSa n = new IkeSa(old.daemon, initiator, old.peer, old.local, old.remote, spiI, spiR);
        n.suite = suite;
        n.ni = ni;
        n.nr = nr;
        n.keys = IkeKeys.derive(suite, IkeKeys.rekeySkeyseed(old.suite.prf(), old.keys.skD(), gir, ni, nr), ni, nr, spiI, spiR);
        n.outCipher = initiator ? new SkCipher(suite, n.keys.skEi(), n.keys.skAi()) : new SkCipher(suite, n.keys.skEr(), n.keys.skAr());
        n.inCipher = initiator ? new SkCipher(suite, n.keys.skEr(), n.keys.skAr()) : new SkCipher(suite, n.keys.skEi(), n.keys.skAi());
        n.natLocal = old.natLocal;
        n.natRemote = old.natRemote;
        n.fragmentation = old.fragmentation;
        n.createsChildren = old.createsChildren;
        n.remoteIdentity = old.remoteIdentity;
        n.lastOutbound = old.lastOutbound;
        n.transitionTo(IkeSaState.ESTABLISHED);
        old.daemon.register(n);
        old.log(IkeLog.Level.INFO, "IKE SA rekeyed " + old.spis() + " -> " + n.spis() + " " + suite);
        return n;
    }
}
