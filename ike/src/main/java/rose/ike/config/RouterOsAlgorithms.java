package rose.ike.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.Encryption;
import rose.ike.crypto.Integrity;
import rose.ike.crypto.Prf;
import rose.ike.message.Proposal;
import rose.ike.message.Transform;

/**
 * RouterOS algorithm names to IKEv2 transforms (reference/02-ipsec.md §1, §4). RouterOS puts
 * everything in one proposal; AEAD ciphers cannot share a proposal with an integrity
 * transform (RFC 7296 §3.3), so AEAD ones go into a second proposal.
 */
public final class RouterOsAlgorithms {
    private RouterOsAlgorithms() {}

    /** A cipher and its key size. */
    public record Cipher(Encryption encryption, int keyBits) {}

    public static Cipher profileCipher(String n) {
        switch (n) {
            case "aes-128": return new Cipher(Encryption.AES_CBC, 128);
            case "aes-192": return new Cipher(Encryption.AES_CBC, 192);
            case "aes-256": return new Cipher(Encryption.AES_CBC, 256);
            case "aes-128-gcm": return new Cipher(Encryption.AES_GCM_16, 128);
            case "aes-256-gcm": return new Cipher(Encryption.AES_GCM_16, 256);
            case "3des": return new Cipher(Encryption.TRIPLE_DES_CBC, 192);
            case "des": return new Cipher(Encryption.DES_CBC, 64);
            case "blowfish": return new Cipher(Encryption.BLOWFISH_CBC, 128);
            case "camellia-128": return new Cipher(Encryption.CAMELLIA_CBC, 128);
            case "camellia-192": return new Cipher(Encryption.CAMELLIA_CBC, 192);
            case "camellia-256": return new Cipher(Encryption.CAMELLIA_CBC, 256);
            default: throw new IllegalArgumentException("unknown enc-algorithm " + n);
        }
    }

    public static Cipher proposalCipher(String n) {
        switch (n) {
            case "3des": return new Cipher(Encryption.TRIPLE_DES_CBC, 192);
            case "des": return new Cipher(Encryption.DES_CBC, 64);
            case "blowfish": return new Cipher(Encryption.BLOWFISH_CBC, 128);
            case "null": return new Cipher(Encryption.NULL, 0);
            case "chacha20poly1305": return new Cipher(Encryption.CHACHA20_POLY1305, 256);
            case "twofish": throw new IllegalArgumentException("twofish has no IKEv2 transform id");
            default:
                String[] f = n.split("-");
                if (f.length == 3 && f[0].equals("aes")) {
                    int bits = Integer.parseInt(f[1]);
                    Encryption e = f[2].equals("cbc") ? Encryption.AES_CBC : f[2].equals("ctr") ? Encryption.AES_CTR
                            : f[2].equals("gcm") ? Encryption.AES_GCM_16 : null;
                    if (e != null && e.acceptsKeyBits(bits)) return new Cipher(e, bits);
                }
                if (f.length == 2 && f[0].equals("camellia")) return new Cipher(Encryption.CAMELLIA_CBC, Integer.parseInt(f[1]));
                throw new IllegalArgumentException("unknown enc-algorithms value " + n);
        }
    }

    /** The IKE_SA_INIT proposals for a profile (numbered from 1). */
    public static List<Proposal> ikeProposals(List<String> hash, String prf, List<String> enc, List<String> dh) {
        if (hash.isEmpty() || enc.isEmpty() || dh.isEmpty()) throw new IllegalArgumentException("profile needs hash, enc and dh-group");
        List<Transform> prfs = new ArrayList<>(), integ = new ArrayList<>(), groups = new ArrayList<>(), cbc = new ArrayList<>(), aead = new ArrayList<>();
        for (String h : hash) {
            integ.add(new Transform(Transform.TYPE_INTEG, Integrity.byRouterOsName(h).id, 0));
            if (prf == null || prf.equals("auto")) prfs.add(new Transform(Transform.TYPE_PRF, Prf.byRouterOsName(h).id, 0));
        }
        if (prf != null && !prf.equals("auto")) prfs.add(new Transform(Transform.TYPE_PRF, Prf.byRouterOsName(prf).id, 0));
        for (String g : dh) groups.add(new Transform(Transform.TYPE_DH, DhGroup.byRouterOsName(g).id(), 0));
        for (String e : enc) {
            Cipher c = profileCipher(e);
            if (!c.encryption().ike) continue; // offered by RouterOS for IKEv1; we cannot run it in the SK payload
            Transform t = new Transform(Transform.TYPE_ENCR, c.encryption().id, c.encryption().keyLengthAttribute ? c.keyBits() : 0);
            (c.encryption().aead() ? aead : cbc).add(t);
        }
        List<Proposal> out = new ArrayList<>();
        if (!cbc.isEmpty()) out.add(new Proposal(out.size() + 1, Proposal.PROTO_IKE, new byte[0], concat(cbc, prfs, integ, groups)));
        if (!aead.isEmpty()) out.add(new Proposal(out.size() + 1, Proposal.PROTO_IKE, new byte[0], concat(aead, prfs, groups)));
        if (out.isEmpty()) throw new IllegalArgumentException("no enc-algorithm usable with IKEv2 in " + enc);
        return out;
    }

    /** The ESP proposals for a CHILD_SA; {@code withPfs} adds the pfs-group as a DH transform (CREATE_CHILD_SA). */
    public static List<Proposal> childProposals(List<String> auth, List<String> enc, String pfsGroup, boolean withPfs, byte[] spi) {
        List<Transform> integ = new ArrayList<>(), cbc = new ArrayList<>(), aead = new ArrayList<>(), rest = new ArrayList<>();
        for (String a : auth) integ.add(new Transform(Transform.TYPE_INTEG, Integrity.byRouterOsName(a).id, 0));
        for (String e : enc) {
            Cipher c = proposalCipher(e);
            Transform t = new Transform(Transform.TYPE_ENCR, c.encryption().id, c.encryption().keyLengthAttribute ? c.keyBits() : 0);
            (c.encryption().aead() ? aead : cbc).add(t);
        }
        if (pfsGroup != null && !pfsGroup.equals("none")) {
            DhGroup g = DhGroup.byRouterOsName(pfsGroup);
            if (withPfs) rest.add(new Transform(Transform.TYPE_DH, g.id(), 0));
        }
        rest.add(new Transform(Transform.TYPE_ESN, 0, 0));
        List<Proposal> out = new ArrayList<>();
        if (!cbc.isEmpty()) {
            if (integ.isEmpty()) integ.add(new Transform(Transform.TYPE_INTEG, Integrity.NONE.id, 0));
            out.add(new Proposal(out.size() + 1, Proposal.PROTO_ESP, spi, concat(cbc, integ, rest)));
        }
        if (!aead.isEmpty()) out.add(new Proposal(out.size() + 1, Proposal.PROTO_ESP, spi, concat(aead, rest)));
        if (out.isEmpty()) throw new IllegalArgumentException("proposal needs enc-algorithms");
        return out;
    }

    /**
     * The AH proposal of a RouterOS proposal used with {@code ipsec-protocols=ah} (RFC 7296 §3.3.3:
     * AH takes integrity, optional D-H and ESN; enc-algorithms do not apply). An AH SA that
     * authenticates nothing is refused: {@code auth-algorithms} must name at least one algorithm.
     */
    public static List<Proposal> ahProposals(List<String> auth, String pfsGroup, boolean withPfs, byte[] spi) {
        List<Transform> ts = new ArrayList<>();
        for (String a : auth) {
            Integrity i = Integrity.byRouterOsName(a);
            if (i != Integrity.NONE) ts.add(new Transform(Transform.TYPE_INTEG, i.id, 0));
        }
        if (ts.isEmpty()) throw new IllegalArgumentException("ipsec-protocols=ah needs auth-algorithms other than null");
        if (withPfs && pfsGroup != null && !pfsGroup.equals("none")) ts.add(new Transform(Transform.TYPE_DH, DhGroup.byRouterOsName(pfsGroup).id(), 0));
        ts.add(new Transform(Transform.TYPE_ESN, 0, 0));
        return List.of(new Proposal(1, Proposal.PROTO_AH, spi, ts));
    }

    /** RouterOS reads a secret starting with 0x as hex. */
    public static byte[] secretBytes(String s) {
        if (s.startsWith("0x") && s.length() > 2 && s.length() % 2 == 0 && s.substring(2).matches("[0-9a-fA-F]+")) {
            byte[] b = new byte[(s.length() - 2) / 2];
            for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 + 2 * i, 4 + 2 * i), 16);
            return b;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static List<Transform> concat(List<Transform>... ls) {
        List<Transform> o = new ArrayList<>();
        for (List<Transform> l : ls) o.addAll(l);
        return o;
    }
}
