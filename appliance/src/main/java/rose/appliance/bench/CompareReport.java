package rose.appliance.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The results of {@code rose bench --compare}: per core count a table in MikroTik's layout (kpps
 * and Mbps per size, largest first) with one row per path, then the ratios ROSE/strongSwan and
 * ROSE/unencrypted; and the same cells as CSV, JSON and an SVG bar chart. A path that could not
 * run shows {@code n/a (reason)} in the table and {@code "unavailable"} in CSV and JSON.
 *
 * <p>With several rounds ({@code --repeat}), every path is measured once per round, in turns, and
 * a cell is the median of its rounds; a ratio is the median of the rounds' own ratios, each of two
 * paths measured minutes apart, with the range beside it. Why: strongSwan's figure alone moved
 * from 596 to 907 Mbit/s between two runs ten minutes apart on the idle machine, so one run's
 * ratio says more about the moment than about the paths.
 */
final class CompareReport {
    private final String algorithm;
    private final String strongswanVersion;
    private final int seconds;
    private final List<CompareCell> cells;
    private final List<List<CompareCell>> rounds;

    CompareReport(String algorithm, String strongswanVersion, int seconds, List<CompareCell> cells) {
        this(List.of(cells), algorithm, strongswanVersion, seconds);
    }

    /** One list of cells per round, each round every path once. */
    static CompareReport ofRounds(String algorithm, String strongswanVersion, int seconds, List<List<CompareCell>> rounds) {
        return new CompareReport(rounds, algorithm, strongswanVersion, seconds);
    }

    private CompareReport(List<List<CompareCell>> rounds, String algorithm, String strongswanVersion, int seconds) {
        if (rounds.isEmpty()) throw new IllegalArgumentException("no rounds");
        this.algorithm = algorithm;
        this.strongswanVersion = strongswanVersion;
        this.seconds = seconds;
        List<List<CompareCell>> copy = new ArrayList<>();
        for (List<CompareCell> r : rounds) copy.add(List.copyOf(r));
        this.rounds = List.copyOf(copy);
        this.cells = rounds.size() == 1 ? this.rounds.get(0) : medians(this.rounds);
    }

    /** Per cell of the first round, the median of that cell over the rounds where it was measured. */
    private static List<CompareCell> medians(List<List<CompareCell>> rounds) {
        List<CompareCell> out = new ArrayList<>();
        for (CompareCell first : rounds.get(0)) {
            List<CompareCell> measured = new ArrayList<>();
            CompareCell unmeasured = first;
            for (List<CompareCell> r : rounds) {
                CompareCell c = find(r, first.cores(), first.path(), first.sizeBytes());
                if (c != null && c.measured()) measured.add(c);
                else if (c != null) unmeasured = c;
            }
            if (measured.isEmpty()) {
                out.add(unmeasured);
                continue;
            }
            measured.sort(java.util.Comparator.comparingDouble(CompareCell::pps));
            out.add(measured.get((measured.size() - 1) / 2));   // the lower median: a real run's cell, loss and all
        }
        return out;
    }

    int rounds() { return rounds.size(); }

    List<CompareCell> cells() { return cells; }

    String label(ComparePath p) {
        return p == ComparePath.STRONGSWAN && !strongswanVersion.isEmpty() ? "strongSwan " + strongswanVersion + " userspace ESP" : p.label;
    }

    private List<Integer> sizes() {
        Set<Integer> s = new TreeSet<>(java.util.Comparator.reverseOrder());
        for (CompareCell c : cells) s.add(c.sizeBytes());
        return new ArrayList<>(s);
    }

    private List<Integer> cores() {
        Set<Integer> s = new LinkedHashSet<>();
        for (CompareCell c : cells) s.add(c.cores());
        return new ArrayList<>(s);
    }

    CompareCell cell(int cores, ComparePath p, int size) {
        return find(cells, cores, p, size);
    }

    private static CompareCell find(List<CompareCell> cells, int cores, ComparePath p, int size) {
        for (CompareCell c : cells) if (c.cores() == cores && c.path() == p && c.sizeBytes() == size) return c;
        return null;
    }

    /** ROSE's rate over another path's at one size (the median of the rounds' ratios), or NaN when either is missing or zero. */
    double ratio(int cores, ComparePath other, int size) {
        return ratio(cores, ComparePath.ROSE_IPSEC, other, size);
    }

    private double ratio(int cores, ComparePath path, ComparePath other, int size) {
        List<Double> r = roundRatios(cores, path, other, size);
        return r.isEmpty() ? Double.NaN : r.get((r.size() - 1) / 2);
    }

    /** {@code path}'s rate over {@code other}'s in each round where both were measured, sorted. */
    List<Double> roundRatios(int cores, ComparePath path, ComparePath other, int size) {
        List<Double> out = new ArrayList<>();
        for (List<CompareCell> round : rounds) {
            CompareCell r = find(round, cores, path, size), o = find(round, cores, other, size);
            if (r == null || o == null || !r.measured() || !o.measured() || o.pps() <= 0) continue;
            out.add(r.pps() / o.pps());
        }
        out.sort(null);
        return out;
    }

    /** {@code 2.84x}, or with several rounds {@code 2.84x (2.47-3.57)}. */
    private String ratioText(int cores, ComparePath path, ComparePath other, int size) {
        List<Double> r = roundRatios(cores, path, other, size);
        if (r.isEmpty()) return "n/a";
        String median = String.format(Locale.ROOT, "%.2fx", r.get((r.size() - 1) / 2));
        if (r.size() == 1) return median;
        return median + String.format(Locale.ROOT, " (%.2f-%.2f)", r.get(0), r.get(r.size() - 1));
    }

    String table() {
        List<Integer> sizes = sizes();
        StringBuilder sb = new StringBuilder();
        for (int cores : cores()) {
            sb.append(String.format(Locale.ROOT, "Comparison: single tunnel, %s, iperf3 UDP between host namespaces, %d s per cell, %d core%s%s%n",
                    BenchReport.configuration(algorithm), seconds, cores, cores == 1 ? "" : "s",
                    rounds.size() == 1 ? "" : ", median of " + rounds.size() + " rounds (ratios: median of the rounds' ratios, range)"));
            sb.append(String.format(Locale.ROOT, "%-34s", "Path"));
            for (int s : sizes) sb.append(String.format(Locale.ROOT, " | %-19s", s + " byte"));
            sb.append('\n').append(String.format(Locale.ROOT, "%-34s", ""));
            for (int ignored : sizes) sb.append(String.format(Locale.ROOT, " | %8s %10s", "kpps", "Mbps"));
            sb.append('\n');
            List<String> reasons = new ArrayList<>();
            for (ComparePath p : ComparePath.values()) {
                sb.append(String.format(Locale.ROOT, "%-34s", label(p)));
                String reason = null;
                for (int s : sizes) {
                    CompareCell c = cell(cores, p, s);
                    if (c != null && c.measured()) sb.append(String.format(Locale.ROOT, " | %8.1f %10.1f", c.kpps(), c.mbps()));
                    else {
                        sb.append(String.format(Locale.ROOT, " | %19s", "n/a"));
                        if (c != null && reason == null) reason = c.unavailable();
                    }
                }
                sb.append('\n');
                if (reason != null) reasons.add(shortName(p) + ": n/a (" + reason + ")");
            }
            ratioRow(sb, "ROSE / strongSwan", cores, ComparePath.STRONGSWAN, sizes);
            ratioRow(sb, "ROSE / unencrypted", cores, ComparePath.ROSE_ROUTED, sizes);
            ratioRow(sb, "ROSE / kernel", cores, ComparePath.KERNEL, sizes);
            ceilingRow(sb, cores, sizes);
            for (String r : reasons) sb.append(r).append('\n');
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code kernel}, {@code strongSwan} …: how the n/a lines under the table name a path. */
    static String shortName(ComparePath p) {
        switch (p) {
            case KERNEL: return "kernel";
            case STRONGSWAN: return "strongSwan";
            case ROSE_ROUTED: return "ROSE routed";
            case LINUX_ROUTED: return "Linux routed";
            default: return "ROSE IPsec";
        }
    }

    /**
     * Linux's own forwarding over strongSwan: about the most an IPsec path can show over strongSwan
     * in this lab on these CPUs, since ROSE's paths do more per packet on the same veths and hosts.
     */
    private void ceilingRow(StringBuilder sb, int cores, List<Integer> sizes) {
        sb.append(String.format(Locale.ROOT, "%-34s", "Linux routed / strongSwan"));
        for (int s : sizes) sb.append(String.format(Locale.ROOT, " | %19s", ratioText(cores, ComparePath.LINUX_ROUTED, ComparePath.STRONGSWAN, s)));
        sb.append('\n');
    }

    private void ratioRow(StringBuilder sb, String label, int cores, ComparePath other, List<Integer> sizes) {
        sb.append(String.format(Locale.ROOT, "%-34s", label));
        for (int s : sizes) sb.append(String.format(Locale.ROOT, " | %19s", ratioText(cores, ComparePath.ROSE_IPSEC, other, s)));
        sb.append('\n');
    }

    /** One line per cell: {@code cores,path,size_bytes,kpps,mbps,loss_percent,unavailable}. */
    String csv() {
        StringBuilder sb = new StringBuilder("cores,path,algorithm,size_bytes,kpps,mbps,loss_percent,unavailable\n");
        for (CompareCell c : cells) {
            sb.append(c.cores()).append(',').append(c.path().key).append(',').append(algorithm).append(',').append(c.sizeBytes()).append(',');
            if (c.measured()) sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%.1f,", c.kpps(), c.mbps(), c.lossPercent()));
            else sb.append(",,,").append('"').append(c.unavailable().replace("\"", "\"\"")).append('"');
            sb.append('\n');
        }
        return sb.toString();
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\n  \"benchmark\": \"rose bench --compare\",\n");
        sb.append("  \"algorithm\": \"").append(BenchReport.jsonEscape(algorithm)).append("\",\n");
        sb.append("  \"seconds_per_cell\": ").append(seconds).append(",\n  \"rounds\": ").append(rounds.size()).append(",\n  \"cells\": [");
        for (int i = 0; i < cells.size(); i++) {
            CompareCell c = cells.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "    {\"cores\": %d, \"path\": \"%s\", \"size_bytes\": %d, ",
                    c.cores(), c.path().key, c.sizeBytes()));
            if (c.measured()) sb.append(String.format(Locale.ROOT, "\"kpps\": %.3f, \"mbps\": %.3f, \"loss_percent\": %.1f}", c.kpps(), c.mbps(), c.lossPercent()));
            else sb.append("\"unavailable\": \"").append(BenchReport.jsonEscape(c.unavailable())).append("\"}");
        }
        sb.append("\n  ],\n  \"ratios\": [");
        boolean first = true;
        for (int cores : cores()) {
            for (int s : sizes()) {
                sb.append(first ? "\n" : ",\n");
                first = false;
                sb.append(String.format(Locale.ROOT, "    {\"cores\": %d, \"size_bytes\": %d, \"rose_over_strongswan\": %s, \"rose_over_unencrypted\": %s, \"rose_over_kernel\": %s, \"rose_over_strongswan_rounds\": %s}",
                        cores, s, number(ratio(cores, ComparePath.STRONGSWAN, s)), number(ratio(cores, ComparePath.ROSE_ROUTED, s)),
                        number(ratio(cores, ComparePath.KERNEL, s)), numbers(roundRatios(cores, ComparePath.ROSE_IPSEC, ComparePath.STRONGSWAN, s))));
            }
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static String numbers(List<Double> v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.size(); i++) sb.append(i == 0 ? "" : ", ").append(number(v.get(i)));
        return sb.append(']').toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Grouped bars, Mbps: a group per core count and size, a bar per path; n/a paths are labelled, not drawn. */
    String svg() {
        List<Integer> sizes = sizes(), cores = cores();
        ComparePath[] paths = ComparePath.values();
        String[] colors = {"#d62728", "#7f7f7f", "#1f77b4", "#2ca02c", "#9467bd"};
        int bar = 26, gap = 30, left = 70, top = 50, h = 300, legend = 260;
        int groups = sizes.size() * cores.size();
        int width = left + groups * (paths.length * bar + gap) + legend, height = top + h + 70;
        double max = 1;
        for (CompareCell c : cells) if (c.measured()) max = Math.max(max, c.mbps());
        max = niceCeiling(max);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", left,
                BenchReport.escape("rose bench --compare: single tunnel, " + BenchReport.configuration(algorithm) + ", Mbps (iperf3 UDP)")));
        for (int i = 0; i <= 4; i++) {
            int y = top + h - i * h / 4;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text>%n",
                    left, y, width - legend, y, left - 6, y + 4, max * i / 4));
        }
        int g = 0;
        for (int c : cores) {
            for (int s : sizes) {
                int x0 = left + g * (paths.length * bar + gap) + gap / 2;
                for (int p = 0; p < paths.length; p++) {
                    CompareCell cell = cell(c, paths[p], s);
                    int x = x0 + p * bar;
                    if (cell != null && cell.measured()) {
                        int bh = (int) Math.round(cell.mbps() / max * h);
                        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                                x, top + h - bh, bar - 3, bh, colors[p], BenchReport.escape(String.format(Locale.ROOT, "%s, %d B, %d core(s): %.1f Mbps, %.1f kpps",
                                        label(paths[p]), s, c, cell.mbps(), cell.kpps()))));
                    } else {
                        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"%s\" transform=\"rotate(-90 %d %d)\">n/a</text>%n",
                                x + bar / 2 + 3, top + h - 4, colors[p], x + bar / 2 + 3, top + h - 4));
                    }
                }
                int mid = x0 + paths.length * bar / 2;
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d B</text><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d core%s</text>%n",
                        mid, top + h + 16, s, mid, top + h + 31, c, c == 1 ? "" : "s"));
                g++;
            }
        }
        int lx = width - legend + 20;
        for (int p = 0; p < paths.length; p++) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    lx, top + p * 18, colors[p], lx + 16, top + p * 18 + 10, BenchReport.escape(label(paths[p]))));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">Measured on this machine; n/a: the path cannot run here (see the table).</text>%n",
                left, height - 10));
        return sb.append("</svg>\n").toString();
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }
}
