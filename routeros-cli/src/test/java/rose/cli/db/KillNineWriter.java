package rose.cli.db;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link KillNineTest}: opens a data directory, checks what it holds, and
 * commits numbered commands until it is killed. Command {@code n} is three menus touched at once:
 *
 * <ul>
 *   <li>{@code /kill/a}: add an item {@code n=<n> pad=<n % 40 x's>} at the end;
 *   <li>{@code /kill/b}: add {@code n=<n>} at the end and remove the item {@code n=<n-5>}, so it
 *       always holds the last five;
 *   <li>{@code /kill/c}: its one item is rewritten to {@code last=<n>}.
 * </ul>
 *
 * A half-applied command breaks one of these, and {@link #check} finds it. {@code committed n}
 * goes to stdout only after {@link Database#write} (or, in batch mode, {@link Database#endBatch})
 * has returned.
 *
 * <p>It needs only {@code rose.cli.db} classes (no JUnit), so the test can run it from a private
 * copy of them.
 *
 * <p>Usage: {@code KillNineWriter <data-dir> single|batch <compact-bytes> <compact-records>}
 */
public final class KillNineWriter {
    static final String A = "kill/a";
    static final String B = "kill/b";
    static final String C = "kill/c";
    static final int BATCH = 25;

    private KillNineWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean batch = args[1].equals("batch");
        FileConfigStore.Options options = new FileConfigStore.Options(Long.parseLong(args[2]), Integer.parseInt(args[3]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        try (Database db = new Database(FileConfigStore.open(dir, options))) {
            int m = check(db.state());
            out.println("resumed " + m);
            out.flush();
            for (int n = m + 1; ; n++) {
                boolean first = (n - m - 1) % BATCH == 0;
                boolean last = (n - m) % BATCH == 0;
                if (batch && first) db.beginBatch();
                int k = n;
                db.write(tx -> {
                    command(tx, k);
                    return null;
                });
                if (batch && !last) continue;
                if (batch) db.endBatch();
                out.println("committed " + n);
                out.flush();
            }
        }
    }

    static void command(Tx tx, int n) {
        tx.add(A, -1, Origin.USER, values("n", Integer.toString(n), "pad", "x".repeat(n % 40)));
        tx.add(B, -1, Origin.USER, values("n", Integer.toString(n)));
        for (Item i : tx.items(B)) if (i.get("n").equals(Integer.toString(n - 5))) tx.remove(B, i.id());
        List<Item> c = tx.items(C);
        if (c.isEmpty()) tx.add(C, -1, Origin.DEFAULT, values("last", Integer.toString(n)));
        else tx.replace(C, c.get(0).with(values("last", Integer.toString(n))));
    }

    /** The number of commands the state holds, after checking each is whole; throws if not. */
    static int check(ConfigState s) {
        List<Item> a = s.items(A);
        int m = a.size();
        if (s.version() != m) fail("version " + s.version() + " but " + m + " items in /" + A);
        for (int i = 0; i < m; i++) {
            int n = i + 1;
            Item item = a.get(i);
            List<String> want = List.of("n=" + n, "pad=" + "x".repeat(n % 40));
            List<String> got = item.values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
            if (!want.equals(got)) fail("/" + A + " item " + i + " is " + got + ", expected " + want);
            if (i > 0 && item.id() <= a.get(i - 1).id()) fail("/" + A + " item " + i + " has id " + item.idText() + " out of order");
        }
        List<String> b = s.items(B).stream().map(i -> i.get("n")).toList();
        List<String> wantB = new ArrayList<>();
        for (int n = Math.max(1, m - 4); n <= m; n++) wantB.add(Integer.toString(n));
        if (!wantB.equals(b)) fail("/" + B + " holds " + b + ", expected " + wantB + " (m=" + m + ")");
        List<Item> c = s.items(C);
        if (m == 0 ? !c.isEmpty() : c.size() != 1 || !c.get(0).get("last").equals(Integer.toString(m)))
            fail("/" + C + " holds " + c + ", expected last=" + m);
        return m;
    }

    private static Map<String, String> values(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private static void fail(String why) {
        throw new IllegalStateException("half-applied or lost command: " + why);
    }
}
