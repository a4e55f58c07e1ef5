package rose.cli.auth;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the command layer stores for values that must not be kept as typed. Item keys that start
 * with {@code .} are internal: never printed, exported or returned by the API.
 *
 * <ul>
 *   <li>{@code /user password=} is write-only: the item keeps {@link #PASSWORD_KEY}, a
 *       {@link PasswordHash}, and {@link #SEALED_KEY}, the password sealed for the old API
 *       challenge login ({@link PasswordSeal} says why and what that costs); an empty password
 *       removes both (the user has no password, and remote services refuse them);</li>
 *   <li>{@code /user ssh-keys key=} keeps the OpenSSH public key line and fills the read-only
 *       {@code key-type}, {@code bits} and {@code key-owner} from it.</li>
 * </ul>
 */
public final class StoredForm {
    /** The internal key holding a user's password hash. */
    public static final String PASSWORD_KEY = ".password";
    /** The internal key holding a user's password sealed under the router's key (challenge login only). */
    public static final String SEALED_KEY = ".password-sealed";
    /** Marker value: the command removes the key it is stored under. */
    public static final String REMOVE = "\u0000remove";

    private StoredForm() {
    }

    /** Values as they are to be stored for an item of {@code menuPath}; throws with RouterOS wording on a bad key. */
    public static Map<String, String> forStorage(String menuPath, Map<String, String> values, PasswordSeal seal) {
        if (menuPath.equals("user") && values.containsKey("password")) {
            Map<String, String> out = new LinkedHashMap<>(values);
            out.putAll(password(out.remove("password"), seal));
            return out;
        }
        if (menuPath.equals("user ssh-keys") && values.containsKey("key")) {
            Map<String, String> out = new LinkedHashMap<>(values);
            out.putAll(describeKey(out.get("key")));
            out.put("key", PublicKeyFile.checked(out.get("key")));      // as describeKey accepted it: one clean line
            return out;
        }
        return values;
    }

    /** The internal keys that store {@code plain} as a user's password; an empty one removes them. */
    public static Map<String, String> password(String plain, PasswordSeal seal) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(PASSWORD_KEY, plain.isEmpty() ? REMOVE : PasswordHash.hash(plain));
        out.put(SEALED_KEY, plain.isEmpty() ? REMOVE : seal.seal(plain));
        return out;
    }

    /** {@code key-type}, {@code bits}, {@code key-owner} of an OpenSSH public key line ({@code ssh-ed25519 AAAA… me@host}). */
    public static Map<String, String> describeKey(String line) {
        try {
            PublicKeyFile.checked(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failure: unable to load key");
        }
        String[] parts = line.trim().split("\\s+", 3);
        if (parts.length < 2) throw new IllegalArgumentException("failure: unable to load key");
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failure: unable to load key");
        }
        Map<String, String> out = new LinkedHashMap<>();
        String type = parts[0];
        out.put("key-type", type.startsWith("ssh-rsa") ? "rsa" : type.startsWith("ssh-ed25519") ? "ed25519"
                : type.startsWith("ecdsa") ? "ecdsa" : type);
        out.put("bits", Integer.toString(bits(type, blob)));
        out.put("key-owner", parts.length > 2 ? parts[2] : "");
        return out;
    }

    private static int bits(String type, byte[] blob) {
        if (type.equals("ssh-ed25519")) return 256;
        if (type.startsWith("ecdsa-sha2-nistp")) return Integer.parseInt(type.substring("ecdsa-sha2-nistp".length()));
        if (!type.equals("ssh-rsa")) return 0;
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            skip(b);                              // "ssh-rsa"
            skip(b);                              // e
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) return 0;
            byte[] mod = new byte[n];
            b.get(mod);
            return new BigInteger(1, mod).bitLength();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static void skip(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) throw new IllegalArgumentException("truncated key");
        b.position(b.position() + n);
    }

    /** The base64 part of a key line, the part two keys are compared by. */
    public static String keyBlob(String line) {
        String[] parts = line.trim().split("\\s+", 3);
        return parts.length > 1 ? parts[1] : "";
    }

    /** {@code item} with {@code values} applied: {@link #REMOVE} values take the key away. */
    public static rose.cli.db.Item apply(rose.cli.db.Item item, Map<String, String> values) {
        Map<String, String> set = new LinkedHashMap<>();
        rose.cli.db.Item out = item;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (REMOVE.equals(e.getValue())) out = out.without(e.getKey());
            else set.put(e.getKey(), e.getValue());
        }
        return out.with(set);
    }

    /** {@code values} for a new item: keys to remove are simply absent. */
    public static Map<String, String> dropRemovals(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>(values);
        out.values().removeIf(REMOVE::equals);
        return out;
    }
}
