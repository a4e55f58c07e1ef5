package rose.cli.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot file: the whole configuration as of the start of journal {@code G}.
 *
 * <pre>
 * file  := header{SNAPSHOT, generation G, state version V}  frame(body)   (nothing after)
 * body  := n:varint (menu:str nextId:u32 count:varint item{count}){n}   menus sorted by name
 * item  := as in {@link ChangeCodec}
 * </pre>
 *
 * Menus with no items are kept: their {@code nextId} must survive, or a removed item's id would
 * be handed out again.
 */
final class SnapshotCodec {
    private SnapshotCodec() {
    }

    record Snapshot(long generation, ConfigState state) {
    }

    static byte[] encode(long generation, ConfigState state) {
        Wire.Out body = new Wire.Out(4096);
        Map<String, MenuTable> sorted = new TreeMap<>(state.tables());
        body.varint(sorted.size());
        for (Map.Entry<String, MenuTable> e : sorted.entrySet()) {
            MenuTable t = e.getValue();
            body.str(e.getKey()).u32(t.nextId()).varint(t.items().size());
            for (Item item : t.items()) ChangeCodec.encodeItem(body, item);
        }
        byte[] header = new FileHeader(FileHeader.Kind.SNAPSHOT, generation, state.version()).encode();
        byte[] frame = Frame.encode(body.toByteArray());
        byte[] out = new byte[header.length + frame.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(frame, 0, out, header.length, frame.length);
        return out;
    }

    static Snapshot read(Path file) throws IOException {
        return decode(file, Files.readAllBytes(file));
    }

    static Snapshot decode(Path file, byte[] data) throws CorruptStoreException {
        FileHeader h = FileHeader.decode(FileHeader.Kind.SNAPSHOT, file, data);
        int pos = FileHeader.SIZE;
        Frame.Status s = Frame.check(data, pos, data.length);
        if (s != Frame.Status.VALID) throw CorruptStoreException.at(file, pos, "snapshot body is damaged (" + s + ")");
        int length = Frame.length(data, pos);
        int end = pos + Frame.HEADER + length;
        if (end != data.length) throw CorruptStoreException.at(file, end, (data.length - end) + " unexpected bytes after the snapshot");
        Wire.In in = new Wire.In(java.nio.ByteBuffer.wrap(data, pos + Frame.HEADER, length));
        try {
            int menus = in.count(in.remaining(), "menu count");
            Map<String, MenuTable> tables = new HashMap<>();
            for (int m = 0; m < menus; m++) {
                int at = in.position();
                String menu = in.str();
                int nextId = in.u32();
                int n = in.count(in.remaining() / 6, "item count");
                List<Item> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(ChangeCodec.decodeItem(in));
                if (tables.put(menu, new MenuTable(items, nextId)) != null)
                    throw new Wire.MalformedException("menu /" + menu + " appears twice", at);
            }
            in.expectEnd("the last menu");
            return new Snapshot(h.generation(), new ConfigState(tables, h.stateVersion()));
        } catch (Wire.MalformedException e) {
            throw new CorruptStoreException(file + ": snapshot body passed its checksum but does not decode: "
                    + e.getMessage(), e);
        }
    }
}
