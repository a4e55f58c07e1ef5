package rose.appliance.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The results as MikroTik's product pages lay them out (Mode / Configuration / then kpps and Mbps
 * per packet size, largest first; rows "Single tunnel" and "256 tunnels"), and as CSV, JSON and an
 * SVG bar chart.
 *
 * <p>Below the table, the crypto limit per algorithm and size ({@link CryptoLimit}). It runs the
 * tunnel's own crypto with nothing around it, so it bounds every row above; a limit that came out
 * below the fastest tunnel of its algorithm and size is no bound, and the table says so beside it
 * ({@code !}) with what the measurement itself saw, instead of printing it as a limit.
 */
final class BenchReport {
    private final String title;
    private final List<BenchCell> cells;
    private final List<CryptoFigure> limits;

    BenchReport(String title, List<BenchCell> cells, List<CryptoFigure> limits) {
        this.title = title;
        this.cells = List.copyOf(cells);
        this.limits = List.copyOf(limits);
    }

    List<BenchCell> cells() { return cells; }

    List<CryptoFigure> limits() { return limits; }

    /** The crypto limit of this algorithm at this size, or null if none was measured. */
    CryptoFigure limit(String alg, int size) {
        for (CryptoFigure f : limits) if (f.algorithm().equals(alg) && f.sizeBytes() == size) return f;
        return null;
    }

    /** The fastest tunnel cell of this algorithm and size (any tunnel count), or null. */
    BenchCell fastestTunnel(String alg, int size) {
        BenchCell best = null;
        for (BenchCell c : cells)
            if (c.algorithm().equals(alg) && c.sizeBytes() == size && (best == null || c.pps() > best.pps())) best = c;
        return best;
    }

    /** Whether a measured limit is below a tunnel that runs the same crypto plus a packet path: then it bounds nothing. */
    boolean belowTunnel(CryptoFigure f) {
        BenchCell t = f == null || !f.measured() ? null : fastestTunnel(f.algorithm(), f.sizeBytes());
        return t != null && f.pps() < t.pps();
    }

    /** {@code aes-128-cbc/sha1} as MikroTik writes it: {@code AES-128-CBC + SHA1}. */
    static String configuration(String algorithm) {
        String[] p = algorithm.split("/");
        String enc = p[0].toUpperCase(Locale.ROOT);
        return p.length > 1 && !p[1].isEmpty() ? enc + " + " + p[1].toUpperCase(Locale.ROOT) : enc;
    }

    static String mode(int tunnels) {
        return tunnels == 1 ? "Single tunnel" : tunnels + " tunnels";
    }

    private List<Integer> sizesLargestFirst() {
        Set<Integer> s = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (BenchCell c : cells) s.add(c.sizeBytes());
        return new ArrayList<>(s);
    }

    private BenchCell cell(String alg, int tunnels, int size) {
        for (BenchCell c : cells) if (c.algorithm().equals(alg) && c.tunnels() == tunnels && c.sizeBytes() == size) return c;
        return null;
    }

    private Set<String> algorithms() {
        Set<String> s = new LinkedHashSet<>();
        for (BenchCell c : cells) s.add(c.algorithm());
        return s;
    }

    private Set<Integer> tunnelCounts() {
        Set<Integer> s = new LinkedHashSet<>();
        for (BenchCell c : cells) s.add(c.tunnels());
        return s;
    }

    /** The product-page table, then the crypto limit per algorithm and size. */
    String table() {
        List<Integer> sizes = sizesLargestFirst();
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-14s %-22s", "Mode", "Configuration"));
        for (int s : sizes) sb.append(String.format(Locale.ROOT, " | %-19s", s + " byte"));
        sb.append('\n').append(String.format(Locale.ROOT, "%-14s %-22s", "", ""));
        for (int ignored : sizes) sb.append(String.format(Locale.ROOT, " | %8s %10s", "kpps", "Mbps"));
        sb.append('\n');
        boolean unsettled = false;
        for (int t : tunnelCounts()) {
            for (String a : algorithms()) {
                sb.append(String.format(Locale.ROOT, "%-14s %-22s", mode(t), configuration(a)));
                for (int s : sizes) {
                    BenchCell c = cell(a, t, s);
                    unsettled |= c != null && !c.settled();
                    sb.append(c == null ? String.format(Locale.ROOT, " | %8s %10s", "-", "-")
                            : c.settled() ? String.format(Locale.ROOT, " | %8.1f %10.1f", c.kpps(), c.mbps())
                            : String.format(Locale.ROOT, " | %8.1f %9.1f~", c.kpps(), c.mbps()));
                }
                sb.append('\n');
            }
        }
        if (unsettled)
            sb.append("~ the JIT was still compiling this cell's lab when its warm-up time ran out (")
                    .append(CryptoLimit.MAX_WARMUP_NANOS / 1_000_000_000L).append(" s of CPU): it may read low.\n");
        cryptoTable(sizes, sb);
        return sb.toString();
    }

    /** The crypto limit rows, then what they are and, for each one that bounds nothing, why. */
    private void cryptoTable(List<Integer> sizes, StringBuilder sb) {
        sb.append('\n').append(String.format(Locale.ROOT, "%-14s %-22s", "Crypto limit", "(seal+open, 1 CPU)"));
        for (int s : sizes) sb.append(String.format(Locale.ROOT, " | %-19s", s + " byte"));
        sb.append('\n');
        List<String> notes = new ArrayList<>();
        Set<String> engines = new LinkedHashSet<>();
        for (String a : algorithms()) {
            sb.append(String.format(Locale.ROOT, "%-14s %-22s", "", configuration(a)));
            for (int s : sizes) {
                CryptoFigure f = limit(a, s);
                if (f == null || !f.measured()) {
                    sb.append(String.format(Locale.ROOT, " | %8s %10s", "-", "-"));
                    if (f != null && f.unavailable() != null) notes.add("- " + configuration(a) + " " + s + " B: " + f.unavailable());
                    continue;
                }
                engines.add(f.engine());
                String flag = belowTunnel(f) ? "!" : f.settled() ? "" : "~";
                sb.append(String.format(Locale.ROOT, " | %8.1f %" + (10 - flag.length()) + ".1f%s", f.kpps(), f.mbps(), flag));
                if (flag.equals("!")) {
                    BenchCell t = fastestTunnel(a, s);
                    notes.add(String.format(Locale.ROOT, "! %s %d B: below the tunnel that runs the same crypto (%s, %.1f kpps), so no bound: %s.",
                            configuration(a), s, mode(t.tunnels()), t.kpps(), f.suspectedCause()));
                } else if (flag.equals("~")) {
                    notes.add("~ " + configuration(a) + " " + s + " B: " + f.suspectedCause() + "; the figure may read low.");
                }
            }
            sb.append('\n');
        }
        if (!engines.isEmpty())
            sb.append("Crypto limit: the tunnel's own crypto engine (").append(String.join(", ", engines)).append(") sealing and opening the same ESP packets,\n")
                    .append(CryptoLimit.VECTOR).append(" per call, with no packet path; per second of the measuring thread's CPU time, best of ")
                    .append(CryptoLimit.SLICES).append(" slices\nafter the JIT settled. An upper bound for the rows above.\n");
        for (String n : notes) sb.append(n).append('\n');
    }

    String csv() {
        StringBuilder sb = new StringBuilder("mode,configuration,algorithm,tunnels,size_bytes,kpps,mbps,crypto_limit_kpps,crypto_limit_mbps,packets,seconds,"
                + "crypto_engine,crypto_limit_below_tunnel,warmup_settled\n");
        for (BenchCell c : cells) {
            CryptoFigure f = limit(c.algorithm(), c.sizeBytes());
            boolean m = f != null && f.measured();
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.1f,%.1f,%.1f,%.1f,%d,%.3f,%s,%s,%s%n", mode(c.tunnels()), configuration(c.algorithm()),
                    c.algorithm(), c.tunnels(), c.sizeBytes(), c.kpps(), c.mbps(), m ? f.kpps() : 0, m ? f.mbps() : 0,
                    c.packets(), c.nanos() / 1e9, m ? f.engine() : "", belowTunnel(f), c.settled()));
        }
        return sb.toString();
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\n  \"title\": \"").append(title.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n  \"cells\": [\n");
        for (int i = 0; i < cells.size(); i++) {
            BenchCell c = cells.get(i);
            CryptoFigure f = limit(c.algorithm(), c.sizeBytes());
            boolean m = f != null && f.measured();
            sb.append(String.format(Locale.ROOT,
                    "    {\"mode\": \"%s\", \"configuration\": \"%s\", \"algorithm\": \"%s\", \"tunnels\": %d, \"sizeBytes\": %d, "
                            + "\"kpps\": %.1f, \"mbps\": %.1f, \"cryptoLimitKpps\": %.1f, \"cryptoLimitMbps\": %.1f, \"packets\": %d, \"seconds\": %.3f, "
                            + "\"settled\": %s, \"cryptoLimitBelowTunnel\": %s}%s%n",
                    mode(c.tunnels()), configuration(c.algorithm()), c.algorithm(), c.tunnels(), c.sizeBytes(), c.kpps(), c.mbps(),
                    m ? f.kpps() : 0, m ? f.mbps() : 0, c.packets(), c.nanos() / 1e9, c.settled(), belowTunnel(f), i + 1 < cells.size() ? "," : ""));
        }
        sb.append("  ],\n  \"cryptoLimits\": [\n");
        for (int i = 0; i < limits.size(); i++) {
            CryptoFigure f = limits.get(i);
            sb.append(String.format(Locale.ROOT,
                    "    {\"algorithm\": \"%s\", \"sizeBytes\": %d, \"engine\": \"%s\", \"kpps\": %.1f, \"mbps\": %.1f, \"settled\": %s, "
                            + "\"cpuShare\": %.2f, \"belowTunnel\": %s%s}%s%n",
                    jsonEscape(f.algorithm()), f.sizeBytes(), jsonEscape(f.engine()), f.kpps(), f.mbps(), f.settled(), f.cpuShare(), belowTunnel(f),
                    belowTunnel(f) ? ", \"cause\": \"" + jsonEscape(f.suspectedCause()) + "\""
                            : f.unavailable() != null ? ", \"unavailable\": \"" + jsonEscape(f.unavailable()) + "\"" : "",
                    i + 1 < limits.size() ? "," : ""));
        }
        return sb.append("  ]\n}\n").toString();
    }

    /** Grouped bars: Mbps per algorithm, one group per (mode, size), crypto limit as a tick. */
    String svg() {
        List<Integer> sizes = sizesLargestFirst();
        List<String> algs = new ArrayList<>(algorithms());
        List<Integer> modes = new ArrayList<>(tunnelCounts());
        double max = 1;
        for (BenchCell c : cells) max = Math.max(max, c.mbps());
        for (CryptoFigure f : limits) max = Math.max(max, f.mbps());
        int bar = 18, gap = 24, groupW = algs.size() * bar + gap, left = 70, top = 50, h = 300;
        int groups = sizes.size() * modes.size();
        int width = left + groups * groupW + 200, height = top + h + 70;
        String[] colors = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n", left, escape(title)));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top, left, top + h));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            int y = top + h - (int) (h * i / 4.0);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    left - 4, y + 4, v, left, y, width - 200, y));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\">Mbps</text>%n", top + h / 2, top + h / 2));
        int g = 0;
        for (int m : modes) {
            for (int s : sizes) {
                int x0 = left + 10 + g * groupW;
                for (int a = 0; a < algs.size(); a++) {
                    BenchCell c = cell(algs.get(a), m, s);
                    if (c == null) continue;
                    int bh = (int) (h * c.mbps() / max);
                    int x = x0 + a * bar;
                    sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %s %d B: %.1f Mbps</title></rect>%n",
                            x, top + h - bh, bar - 2, bh, colors[a % colors.length], mode(m), configuration(c.algorithm()), s, c.mbps()));
                    CryptoFigure f = limit(c.algorithm(), s);
                    if (f != null && f.measured()) {
                        int cy = top + h - (int) (h * f.mbps() / max);
                        boolean below = belowTunnel(f);   // drawn red and dashed: no bound, see the table's note
                        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s>"
                                        + "<title>crypto limit %s %d B: %.1f Mbps%s</title></line>%n", x, cy, x + bar - 2, cy, below ? "red" : "black",
                                below ? " stroke-dasharray=\"3,2\"" : "", configuration(c.algorithm()), s, f.mbps(),
                                below ? escape(", below the tunnel, no bound: " + f.suspectedCause()) : ""));
                    }
                }
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d B</text><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        x0 + algs.size() * bar / 2, top + h + 15, s, x0 + algs.size() * bar / 2, top + h + 30, mode(m)));
                g++;
            }
        }
        int lx = width - 190;
        for (int a = 0; a < algs.size(); a++) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    lx, top + a * 18, colors[a % colors.length], lx + 16, top + a * 18 + 10, escape(configuration(algs.get(a)))));
        }
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">crypto limit (seal+open)</text>%n",
                lx, top + algs.size() * 18 + 6, lx + 12, top + algs.size() * 18 + 6, lx + 16, top + algs.size() * 18 + 10));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">Measured on this machine, not on the board.</text>%n", left, height - 10));
        return sb.append("</svg>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A JSON string's contents: quotes, backslashes and control characters escaped. */
    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.toString();
    }
}
