package rose.cli.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The public keys in a file given to {@code /user ssh-keys import public-key-file=}, as OpenSSH
 * key lines ({@code ssh-ed25519 AAAA... owner}), the form {@code /user ssh-keys} stores.
 *
 * <p>Accepted, as RouterOS and the tools that make such files write them:
 * <ul>
 *   <li>OpenSSH lines ({@code id_ed25519.pub}, an {@code authorized_keys} with several keys;
 *       {@code #} comments and blank lines skipped; options before the key type are not allowed,
 *       since ROSE would not honour them);</li>
 *   <li>RFC 4716 ({@code ssh-keygen -e}: {@code ---- BEGIN SSH2 PUBLIC KEY ----}, headers, base64);</li>
 *   <li>PEM {@code BEGIN PUBLIC KEY} (X.509 SubjectPublicKeyInfo: {@code openssl pkey -pubout}).</li>
 * </ul>
 * Key types: RSA, Ed25519 and ECDSA on P-256/384/521. Every key blob is parsed through, and its
 * inner type must match the line's, so a line that would never match a login is refused here.
 */
public final class PublicKeyFile {
    /** What RouterOS answers for a file it cannot read keys from. */
    public static final String UNABLE = "failure: unable to load key file";
    private static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

    private PublicKeyFile() {
    }

    /** The key lines in {@code text}; throws {@link IllegalArgumentException} with {@link #UNABLE} when there are none or one is bad. */
    public static List<String> keys(String text) {
        List<String> out = new ArrayList<>();
        if (text.contains("---- BEGIN SSH2 PUBLIC KEY ----")) out.add(rfc4716(text));
        else if (text.contains("-----BEGIN PUBLIC KEY-----")) out.add(pem(text));
        else {
            for (String raw : text.split("\r?\n")) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                out.add(checked(line));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(UNABLE);
        return out;
    }

    /** {@code line} if it is a well-formed OpenSSH public key line of a supported type. */
    public static String checked(String line) {
        String[] parts = line.trim().split("\\s+", 3);
        if (parts.length < 2 || !TYPES.contains(parts[0])) throw new IllegalArgumentException(UNABLE);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(UNABLE);
        }
        if (!parts[0].equals(blobType(blob))) throw new IllegalArgumentException(UNABLE);
        String owner = parts.length > 2 ? owner(parts[2]) : "";
        return parts[0] + " " + parts[1] + (owner.isEmpty() ? "" : " " + owner);
    }

    /** A key's comment as it may be stored and printed: control characters gone, blanks single. */
    private static String owner(String comment) {
        return comment.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    }

    /** The type named inside an SSH public key blob, after checking the blob's fields are all there. */
    private static String blobType(byte[] blob) {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            String type = new String(field(b), StandardCharsets.US_ASCII);
            switch (type) {
                case "ssh-rsa" -> { field(b); field(b); }                      // e, n
                case "ssh-ed25519" -> { if (field(b).length != 32) return null; }
                default -> {
                    if (!type.startsWith("ecdsa-sha2-")) return null;
                    String curve = new String(field(b), StandardCharsets.US_ASCII);
                    if (!type.equals("ecdsa-sha2-" + curve)) return null;
                    byte[] q = field(b);
                    if (q.length == 0 || q[0] != 4) return null;               // uncompressed point
                }
            }
            return b.hasRemaining() ? null : type;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] field(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) throw new IllegalArgumentException("truncated");
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static String rfc4716(String text) {
        StringBuilder b64 = new StringBuilder();
        String comment = "";
        boolean in = false;
        boolean continued = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.trim();
            if (line.equals("---- BEGIN SSH2 PUBLIC KEY ----")) { in = true; continue; }
            if (line.equals("---- END SSH2 PUBLIC KEY ----")) break;
            if (!in) continue;
            if (continued || line.contains(":")) {
                // a header; one ending in '\' continues on the next line
                if (!continued && line.toLowerCase(java.util.Locale.ROOT).startsWith("comment:")) {
                    comment = line.substring(line.indexOf(':') + 1).trim().replaceAll("^\"|\"$", "");
                }
                continued = line.endsWith("\\");
                continue;
            }
            b64.append(line);
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(UNABLE);
        }
        String type = blobType(blob);
        if (type == null || !TYPES.contains(type)) throw new IllegalArgumentException(UNABLE);
        comment = owner(comment);
        return type + " " + Base64.getEncoder().encodeToString(blob) + (comment.isEmpty() ? "" : " " + comment);
    }

    private static String pem(String text) {
        int from = text.indexOf("-----BEGIN PUBLIC KEY-----") + "-----BEGIN PUBLIC KEY-----".length();
        int to = text.indexOf("-----END PUBLIC KEY-----", from);
        if (to < 0) throw new IllegalArgumentException(UNABLE);
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(from, to));
            for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
                PublicKey k;
                try {
                    k = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    continue;           // not this algorithm, or DER a provider chokes on
                }
                return sshLine(k, der);
            }
        } catch (IllegalArgumentException e) {
            // not base64
        }
        throw new IllegalArgumentException(UNABLE);
    }

    /** The OpenSSH line of a JCA public key (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4). */
    private static String sshLine(PublicKey k, byte[] der) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        String type;
        if (k instanceof RSAPublicKey r) {
            type = "ssh-rsa";
            put(o, type.getBytes(StandardCharsets.US_ASCII));
            put(o, r.getPublicExponent().toByteArray());
            put(o, r.getModulus().toByteArray());
        } else if (k instanceof ECPublicKey e) {
            int bits = e.getParams().getCurve().getField().getFieldSize();
            String curve = bits == 256 ? "nistp256" : bits == 384 ? "nistp384" : bits == 521 ? "nistp521" : null;
            if (curve == null) throw new IllegalArgumentException(UNABLE);
            type = "ecdsa-sha2-" + curve;
            int len = (bits + 7) / 8;
            byte[] q = new byte[1 + 2 * len];
            q[0] = 4;
            fixed(e.getW().getAffineX(), q, 1, len);
            fixed(e.getW().getAffineY(), q, 1 + len, len);
            put(o, type.getBytes(StandardCharsets.US_ASCII));
            put(o, curve.getBytes(StandardCharsets.US_ASCII));
            put(o, q);
        } else if (k.getAlgorithm().equals("Ed25519") || k.getAlgorithm().equals("EdDSA")) {
            type = "ssh-ed25519";
            if (der.length < 32) throw new IllegalArgumentException(UNABLE);
            put(o, type.getBytes(StandardCharsets.US_ASCII));
            put(o, java.util.Arrays.copyOfRange(der, der.length - 32, der.length));   // the raw key ends the SPKI
        } else {
            throw new IllegalArgumentException(UNABLE);
        }
        return type + " " + Base64.getEncoder().encodeToString(o.toByteArray());
    }

    private static void fixed(BigInteger v, byte[] out, int at, int len) {
        byte[] b = v.toByteArray();
        int skip = b.length > len ? b.length - len : 0;
        System.arraycopy(b, skip, out, at + len - (b.length - skip), b.length - skip);
    }

    private static void put(ByteArrayOutputStream o, byte[] field) {
        o.write(field.length >>> 24);
        o.write(field.length >>> 16);
        o.write(field.length >>> 8);
        o.write(field.length);
        o.writeBytes(field);
    }
}
