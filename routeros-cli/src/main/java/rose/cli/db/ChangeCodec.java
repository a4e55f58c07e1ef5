package rose.cli.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One journal record: the state version a command produced and its changes, in order.
 *
 * <pre>
 * record := version:varint  count:varint  change{count}
 * change := 0x01 menu:str index:zigzag item        Put
 *         | 0x02 menu:str id:u32                   Remove
 * item   := id:u32  origin:u8  n:varint (key:str value:str){n}     values in map order
 * origin := 0 USER | 1 DEFAULT | 2 BUILTIN | 3 DYNAMIC             (fixed codes, not ordinals)
 * </pre>
 */
final class ChangeCodec {
    private static final int PUT = 1;
    private static final int REMOVE = 2;

    private ChangeCodec() {
    }

    /** A decoded record. */
    record Commit(long version, List<Change> changes) {
    }

    static byte[] encode(long version, List<Change> changes) {
        Wire.Out out = new Wire.Out(64 * changes.size() + 16);
        out.varint(version).varint(changes.size());
        for (Change c : changes) {
            if (c instanceof Change.Put p) {
                out.u8(PUT).str(p.menu()).zigzag(p.index());
                encodeItem(out, p.item());
            } else if (c instanceof Change.Remove r) {
                out.u8(REMOVE).str(r.menu()).u32(r.id());
            } else {
                throw new IllegalArgumentException("unknown change " + c);
            }
        }
        return out.toByteArray();
    }

    static Commit decode(byte[] payload) throws Wire.MalformedException {
        Wire.In in = new Wire.In(payload);
        long version = in.varint();
        // each change takes at least 3 bytes, so a count beyond that is damage, not a huge command
        int n = in.count(in.remaining() / 3, "change count");
        List<Change> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = in.position();
            int tag = in.u8();
            String menu = in.str();
            if (tag == PUT) {
                int index = in.zigzag();
                changes.add(new Change.Put(menu, index, decodeItem(in)));
            } else if (tag == REMOVE) {
                changes.add(new Change.Remove(menu, in.u32()));
            } else {
                throw new Wire.MalformedException("unknown change tag " + tag, at);
            }
        }
        in.expectEnd("the last change");
        return new Commit(version, changes);
    }

    static void encodeItem(Wire.Out out, Item item) {
        out.u32(item.id()).u8(originCode(item.origin())).varint(item.values().size());
        for (Map.Entry<String, String> e : item.values().entrySet()) out.str(e.getKey()).str(e.getValue());
    }

    static Item decodeItem(Wire.In in) throws Wire.MalformedException {
        int id = in.u32();
        int at = in.position();
        Origin origin = origin(in.u8(), at);
        int n = in.count(in.remaining() / 2, "value count");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int keyAt = in.position();
            String k = in.str();
            if (values.put(k, in.str()) != null) throw new Wire.MalformedException("duplicate property " + k, keyAt);
        }
        return new Item(id, origin, values);
    }

    private static int originCode(Origin o) {
        return switch (o) {
            case USER -> 0;
            case DEFAULT -> 1;
            case BUILTIN -> 2;
            case DYNAMIC -> 3;
        };
    }

    private static Origin origin(int code, int at) throws Wire.MalformedException {
        return switch (code) {
            case 0 -> Origin.USER;
            case 1 -> Origin.DEFAULT;
            case 2 -> Origin.BUILTIN;
            case 3 -> Origin.DYNAMIC;
            default -> throw new Wire.MalformedException("unknown origin code " + code, at);
        };
    }
}
