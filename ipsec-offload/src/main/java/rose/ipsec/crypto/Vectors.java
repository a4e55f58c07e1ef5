package rose.ipsec.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Loads the known-answer files listed in {@code rose/ipsec/vectors/index.txt}.
 *
 * <p>Format (one block per vector; {@code #} comments; a line starting with whitespace continues
 * the previous value; {@code name-ascii = text} gives a value as ASCII):
 * <pre>
 * [aes-cbc-rfc3602-1]
 * source = RFC 3602 §4 Case #1
 * enc = aes-128-cbc
 * auth = null
 * key = 06a9214036b8a15b512e03d534120006
 * iv = 3dafba429d9eb430b422da802c9fac41
 * plaintext-ascii = Single block msg
 * ciphertext = e353779c1079aeb82708942dbe77181a
 * </pre>
 * {@code esn-high} (8 hex digits) turns on ESN for the vector: {@code aad} is then the wire head.
 * {@code mac} may be given instead of {@code icv}: the full (or published truncated) HMAC output,
 * cut here to the ESP ICV length. {@code enc-key-bits} sets a variable key length.
 */
public final class Vectors {
    private static final String DIR = "/rose/ipsec/vectors/";
    private static volatile List<KnownAnswer> all;

    private Vectors() { }

    /** Every vector of every file, in file order. */
    public static List<KnownAnswer> all() {
        List<KnownAnswer> v = all;
        if (v == null) all = v = List.copyOf(load());
        return v;
    }

    private static List<KnownAnswer> load() {
        List<KnownAnswer> out = new ArrayList<>();
        for (String file : lines(DIR + "index.txt")) {
            if (file.isBlank() || file.startsWith("#")) continue;
            out.addAll(parse(file.trim(), lines(DIR + file.trim())));
        }
        return out;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing vector resource " + resource);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<KnownAnswer> parse(String file, List<String> lines) {
        List<KnownAnswer> out = new ArrayList<>();
        Map<String, String> f = null;
        String id = null, last = null;
        int n = 0;
        for (String raw : lines) {
            n++;
            if (raw.isBlank() || raw.stripLeading().startsWith("#")) continue;
            if (raw.startsWith("[")) {
                if (f != null) out.add(build(file, id, f));
                id = raw.substring(1, raw.indexOf(']'));
                f = new LinkedHashMap<>();
                last = null;
            } else if (Character.isWhitespace(raw.charAt(0)) && last != null && f != null) {
                f.merge(last, raw.strip(), String::concat);
            } else {
                int eq = raw.indexOf('=');
                if (eq < 0 || f == null) throw new IllegalArgumentException(file + ":" + n + ": expected key = value");
                last = raw.substring(0, eq).strip();
                f.put(last, raw.substring(eq + 1).strip());
            }
        }
        if (f != null) out.add(build(file, id, f));
        return out;
    }

    private static KnownAnswer build(String file, String id, Map<String, String> f) {
        try {
            EncAlgorithm enc = EncAlgorithm.fromRouterOs(f.getOrDefault("enc", "null"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown enc " + f.get("enc")));
            AuthAlgorithm auth = AuthAlgorithm.fromRouterOs(f.getOrDefault("auth", "null"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown auth " + f.get("auth")));
            int bits = f.containsKey("enc-key-bits") ? Integer.parseInt(f.get("enc-key-bits")) : enc.defaultKeyBits();
            Transform t = new Transform(enc, bits, auth);
            byte[] pt = bytes(f, "plaintext");
            byte[] ct = f.containsKey("ciphertext") || f.containsKey("ciphertext-ascii") ? bytes(f, "ciphertext") : pt;
            byte[] icv = bytes(f, "icv");
            if (icv.length == 0 && (f.containsKey("mac"))) {
                byte[] mac = bytes(f, "mac");
                if (mac.length < t.icvBytes()) throw new IllegalArgumentException("mac shorter than the ICV");
                icv = Arrays.copyOf(mac, t.icvBytes());
            }
            return new KnownAnswer(id, f.getOrDefault("source", file), t, bytes(f, "key"), bytes(f, "auth-key"),
                    bytes(f, "iv"), bytes(f, "aad"), pt, ct, icv,
                    f.containsKey("esn-high") ? OptionalInt.of(Integer.parseUnsignedInt(f.get("esn-high"), 16)) : OptionalInt.empty());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " [" + id + "]: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Map<String, String> f, String name) {
        String ascii = f.get(name + "-ascii");
        if (ascii != null) return ascii.getBytes(StandardCharsets.US_ASCII);
        String hex = f.getOrDefault(name, "").replaceAll("\\s+", "");
        return HexFormat.of().parseHex(hex);
    }
}
