package rose.appliance.backup;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inside of a backup: named entries, each a name and its bytes.
 *
 * <pre>
 * payload := magic "RBP1"  count:u16  entry{count}            (nothing after)
 * entry   := nameLength:u16  name:UTF-8  length:u32  bytes
 * </pre>
 *
 * {@link #CONFIGURATION} is the configuration database as a snapshot file; {@link #MANIFEST}
 * says who made it (text, {@code key=value} lines); every other name is a file of the data
 * directory by its relative path ({@code certificates/ca.crt}, {@code ssh/host-key}). A name
 * must be such a path: no {@code ..}, no leading {@code /}, no empty part, so a crafted backup
 * cannot write outside the data directory.
 */
public final class BackupPayload {
    public static final String CONFIGURATION = "configuration";
    public static final String MANIFEST = "manifest";
    static final byte[] MAGIC = "RBP1".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_ENTRIES = 4096;
    static final int MAX_NAME = 255;

    private final Map<String, byte[]> entries;

    public BackupPayload(Map<String, byte[]> entries) {
        for (String name : entries.keySet()) {
            if (!validName(name)) throw new IllegalArgumentException("bad backup entry name " + name);
        }
        if (entries.size() > MAX_ENTRIES) throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries");
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Map<String, byte[]> entries() {
        return entries;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        u16(out, entries.size());
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            u16(out, name.length);
            out.writeBytes(name);
            int n = e.getValue().length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }

    /** Decodes a payload; anything malformed is refused as a damaged backup. */
    public static BackupPayload decode(byte[] payload) throws BackupFile.Refused {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw damaged();
            int count = Short.toUnsignedInt(in.getShort());
            if (count > MAX_ENTRIES) throw damaged();
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                int nameLength = Short.toUnsignedInt(in.getShort());
                if (nameLength == 0 || nameLength > MAX_NAME || nameLength > in.remaining()) throw damaged();
                byte[] nameBytes = new byte[nameLength];
                in.get(nameBytes);
                String name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(nameBytes)).toString();
                long length = Integer.toUnsignedLong(in.getInt());
                if (length > in.remaining()) throw damaged();
                byte[] data = new byte[(int) length];
                in.get(data);
                if (!validName(name) || entries.put(name, data) != null) throw damaged();
            }
            if (in.hasRemaining()) throw damaged();
            return new BackupPayload(entries);
        } catch (BufferUnderflowException | CharacterCodingException e) {
            throw damaged();
        }
    }

    /** A relative path inside the data directory, in portable characters. */
    static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME || name.startsWith("/") || name.endsWith("/")) return false;
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) return false;
            if (!part.matches("[A-Za-z0-9._@+-]+")) return false;
        }
        return true;
    }

    private static BackupFile.Refused damaged() {
        return new BackupFile.Refused("failure: backup file is damaged");
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
