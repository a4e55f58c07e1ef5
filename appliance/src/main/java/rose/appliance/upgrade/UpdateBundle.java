package rose.appliance.upgrade;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system update, {@code rose-ARCH.update}, as {@code rose image build} writes it beside the
 * disk image: what {@link SlotInstaller} writes into the slot the router did not boot from.
 *
 * <pre>
 * bundle   := magic "ROSEUPD1"  manifestLength:u32  manifest  part{n}     (nothing after)
 * manifest := UTF-8 lines "key=value":
 *             arch=amd64|arm64, version=..., built=yyyyMMddHHmmss, kernel=6.1.0-...,
 *             part=NAME:LENGTH:SHA256HEX   once per part, in the order the parts follow
 *             signature=ed25519:BASE64     last: over every line before it ({@link UpdateSignature})
 * part     := LENGTH raw bytes
 * parts    := vmlinuz, initrd.img (to the ESP), root.img.zst (the root file system, zstd)
 * </pre>
 *
 * The bundle is read once, as a stream (a root image does not fit in a small board's heap);
 * each part's SHA-256 is checked as it streams past, and nothing is made bootable until every
 * part matched. The checksums catch a damaged upload; the signature over the manifest (and so
 * over every checksum) says who made it: the router installs only what the key baked into its
 * image at build time signed, as RouterOS installs only MikroTik-signed packages.
 */
public final class UpdateBundle {
    public static final String EXTENSION = ".update";
    static final byte[] MAGIC = "ROSEUPD1".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_MANIFEST = 16 * 1024;
    public static final List<String> PARTS = List.of("vmlinuz", "initrd.img", "root.img.zst");

    /** One part as the manifest lists it. */
    public record Part(String name, long length, String sha256) {
    }

    /**
     * The manifest: its keys, its parts in order, the bytes its signature covers and the
     * signature (null: unsigned).
     */
    public record Manifest(Map<String, String> values, List<Part> parts, byte[] signed, byte[] signature) {
        public String get(String key) {
            return values.get(key);
        }
    }

    /** A bundle refused before anything was written; the message is for the console. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    private UpdateBundle() {
    }

    /**
     * Writes a bundle of {@code parts} (name to file, in {@link #PARTS} order) with {@code values},
     * its manifest signed with {@code key} (null: unsigned, which a router refuses).
     */
    public static void write(Path out, Map<String, String> values, Map<String, Path> parts, PrivateKey key) throws IOException {
        StringBuilder m = new StringBuilder();
        values.forEach((k, v) -> m.append(k).append('=').append(v).append('\n'));
        for (String name : PARTS) {
            Path p = parts.get(name);
            if (p == null) throw new IOException("update bundle part " + name + " missing");
            m.append("part=").append(name).append(':').append(Files.size(p)).append(':').append(sha256(p)).append('\n');
        }
        if (key != null) m.append(UpdateSignature.sign(m.toString().getBytes(StandardCharsets.UTF_8), key));
        byte[] manifest = m.toString().getBytes(StandardCharsets.UTF_8);
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (OutputStream o = Files.newOutputStream(partial)) {
            o.write(MAGIC);
            o.write(new byte[] {(byte) (manifest.length >>> 24), (byte) (manifest.length >>> 16), (byte) (manifest.length >>> 8),
                    (byte) manifest.length});
            o.write(manifest);
            for (String name : PARTS) Files.copy(parts.get(name), o);
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads the header and manifest, leaving {@code in} at the first part. */
    public static Manifest readManifest(InputStream in) throws IOException, Refused {
        DataInputStream d = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        try {
            d.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new Refused("failure: file is not a ROSE update");
            int length = d.readInt();
            if (length <= 0 || length > MAX_MANIFEST) throw new Refused("failure: update is damaged (manifest length " + length + ")");
            byte[] text = new byte[length];
            d.readFully(text);
            return parse(text);
        } catch (EOFException e) {
            throw new Refused("failure: update is damaged (truncated)");
        }
    }

    static Manifest parse(byte[] bytes) throws Refused {
        // the signature is the last line; what it signs is every byte before it
        int cut = bytes.length;
        byte[] signature = null;
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("\n" + UpdateSignature.LINE);
        if (at >= 0 || text.startsWith(UpdateSignature.LINE)) {
            int start = at >= 0 ? at + 1 : 0;
            String tail = text.substring(start);
            int nl = tail.indexOf('\n');
            if (nl >= 0 && nl != tail.length() - 1) throw new Refused("failure: update is damaged (lines after the signature)");
            try {
                signature = java.util.Base64.getDecoder().decode((nl >= 0 ? tail.substring(0, nl) : tail).substring(UpdateSignature.LINE.length()));
            } catch (IllegalArgumentException e) {
                throw new Refused("failure: update is damaged (signature line)");
            }
            text = text.substring(0, start);
            cut = text.getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] signed = java.util.Arrays.copyOf(bytes, cut);
        Map<String, String> values = new LinkedHashMap<>();
        List<Part> parts = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq <= 0) throw new Refused("failure: update is damaged (manifest line)");
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("part")) {
                String[] f = value.split(":");
                if (f.length != 3 || !f[1].matches("\\d{1,12}") || !f[2].matches("[0-9a-f]{64}")) {
                    throw new Refused("failure: update is damaged (part line)");
                }
                parts.add(new Part(f[0], Long.parseLong(f[1]), f[2]));
            } else {
                values.put(key, value);
            }
        }
        List<String> names = new ArrayList<>();
        for (Part p : parts) names.add(p.name());
        if (!names.equals(PARTS)) throw new Refused("failure: update is damaged (parts " + names + ")");
        for (String k : List.of("arch", "version", "built")) {
            if (values.get(k) == null || values.get(k).isEmpty()) throw new Refused("failure: update is damaged (no " + k + ")");
        }
        if (!values.get("built").matches("\\d{14}")) throw new Refused("failure: update is damaged (built)");
        return new Manifest(Map.copyOf(values), List.copyOf(parts), signed, signature);
    }

    /**
     * Copies exactly one part from {@code in} to {@code out}, hashing it; refused (after the
     * copy: the caller then throws away what it wrote) if it was short or its SHA-256 differs.
     */
    public static void copyPart(InputStream in, Part part, OutputStream out) throws IOException, Refused {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        long left = part.length();
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new Refused("failure: update is damaged (" + part.name() + " truncated)");
            md.update(buf, 0, n);
            out.write(buf, 0, n);
            left -= n;
        }
        if (!HexFormat.of().formatHex(md.digest()).equals(part.sha256())) {
            throw new Refused("failure: update is damaged (" + part.name() + " checksum)");
        }
    }

    static String sha256(Path p) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
