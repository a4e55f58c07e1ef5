package rose.board;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one board data file into a {@link BoardProfile}, checking it on the way:
 *
 * <ol>
 *   <li>read every object strictly ({@link JsonFields}): unknown fields and wrong types are errors;
 *   <li>check names: the id is lower-case and matches the file; port names are RouterOS-style and unique;
 *   <li>check MTUs: {@code defaultMtu} and {@code defaultL2mtu} never exceed {@code maxL2mtu};
 *   <li>check references: switch chips only name ports of the board; acceleration rows use the table's
 *       cipher and hash names;
 *   <li>check sources: every kind of fact the file states has its source ({@link BoardFact}).
 * </ol>
 */
final class BoardProfileReader {

    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern PORT_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int MIN_MTU = 68;
    private static final int MAX_MTU = 65535;

    private BoardProfileReader() {
    }

    static BoardProfile read(JsonFields f, String expectedId) {
        String id = f.text("id");
        if (!ID.matcher(id).matches()) {
            throw f.error("id", "'" + id + "' is not a lower-case id");
        }
        if (!id.equals(expectedId)) {
            throw f.error("id", "'" + id + "' does not match the file name '" + expectedId + "'");
        }
        String name = f.text("name");
        Optional<String> productCode = f.optText("productCode");
        Optional<String> architecture = f.optText("routerosArchitecture");
        CpuInfo cpu = f.optObject("cpu").map(BoardProfileReader::cpu).orElse(CpuInfo.unknown());
        var ram = f.optLong("ramBytes");
        var storage = f.optLong("storageBytes");
        PortLayout layout = portLayout(f);
        List<BoardPort> ports = ports(f);
        List<SwitchChip> switches = switchChips(f, ports);
        CryptoEngineInfo crypto = f.optObject("crypto").map(BoardProfileReader::crypto).orElse(CryptoEngineInfo.none());
        List<ThroughputFigure> throughput = new ArrayList<>();
        for (JsonFields t : f.objects("throughput")) {
            throughput.add(throughput(t));
        }
        DetectionHints detection = f.optObject("detection").map(BoardProfileReader::detection).orElse(DetectionHints.none());
        Map<String, String> sources = f.textMap("sources");
        List<String> notes = f.texts("notes");
        f.done();

        BoardProfile p = new BoardProfile(id, name, productCode, architecture, cpu, ram, storage, layout, ports,
                switches, crypto, throughput, detection, sources, notes);
        requireSources(f, p);
        return p;
    }

    private static CpuInfo cpu(JsonFields c) {
        CpuInfo cpu = new CpuInfo(c.optText("model"), positive(c, "cores"), positive(c, "threads"),
                positive(c, "minMhz"), positive(c, "maxMhz"), c.optText("note"));
        c.done();
        if (cpu.minMhz().isPresent() && cpu.maxMhz().isPresent() && cpu.minMhz().getAsInt() > cpu.maxMhz().getAsInt()) {
            throw c.error("minMhz", "greater than maxMhz");
        }
        return cpu;
    }

    private static PortLayout portLayout(JsonFields f) {
        String v = f.text("portLayout");
        for (PortLayout l : PortLayout.values()) {
            if (l.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
                return l;
            }
        }
        throw f.error("portLayout", "expected fixed or nic-dependent, got '" + v + "'");
    }

    private static List<BoardPort> ports(JsonFields f) {
        List<BoardPort> ports = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonFields p : f.objects("ports")) {
            String n = p.text("name");
            if (!PORT_NAME.matcher(n).matches()) {
                throw p.error("name", "'" + n + "' is not a RouterOS interface name");
            }
            if (!names.add(n)) {
                throw p.error("name", "duplicate port '" + n + "'");
            }
            BoardPort port = new BoardPort(n, positive(p, "speedMbps"), mtu(p, "defaultMtu"), mtu(p, "defaultL2mtu"),
                    mtu(p, "maxL2mtu"), p.optText("note"));
            p.done();
            int max = port.maxL2mtu().orElse(MAX_MTU);
            if (port.defaultMtu().orElse(0) > max) {
                throw p.error("defaultMtu", "exceeds maxL2mtu " + max);
            }
            if (port.defaultL2mtu().orElse(0) > max) {
                throw p.error("defaultL2mtu", "exceeds maxL2mtu " + max);
            }
            ports.add(port);
        }
        if (ports.isEmpty()) {
            throw f.error("ports", "a board needs at least one port");
        }
        return ports;
    }

    private static List<SwitchChip> switchChips(JsonFields f, List<BoardPort> ports) {
        Set<String> known = new HashSet<>();
        ports.forEach(p -> known.add(p.name()));
        List<SwitchChip> chips = new ArrayList<>();
        for (JsonFields s : f.objects("switchChips")) {
            SwitchChip chip = new SwitchChip(s.text("name"), s.texts("ports"), s.optText("note"));
            s.done();
            for (String p : chip.ports()) {
                if (!known.contains(p)) {
                    throw s.error("ports", "'" + p + "' is not a port of this board");
                }
            }
            chips.add(chip);
        }
        return chips;
    }

    private static CryptoEngineInfo crypto(JsonFields c) {
        Optional<String> row = c.optText("routerosRow");
        List<CipherAcceleration> accel = new ArrayList<>();
        Set<String> ciphers = new HashSet<>();
        for (JsonFields a : c.objects("acceleration")) {
            String cipher = a.text("cipher");
            if (!CipherAcceleration.CIPHERS.contains(cipher)) {
                throw a.error("cipher", "expected one of " + CipherAcceleration.CIPHERS + ", got '" + cipher + "'");
            }
            if (!ciphers.add(cipher)) {
                throw a.error("cipher", "duplicate row '" + cipher + "'");
            }
            Map<String, Boolean> byHash = new LinkedHashMap<>();
            for (String h : CipherAcceleration.HASHES) {
                byHash.put(h, a.bool(h));
            }
            accel.add(new CipherAcceleration(cipher, byHash, a.optText("note")));
            a.done();
        }
        if (!accel.isEmpty() && row.isEmpty()) {
            throw c.error("routerosRow", "acceleration rows need the name of the table row they come from");
        }
        Optional<LinuxCryptoDriver> driver = c.optObject("linuxDriver").map(BoardProfileReader::driver);
        CryptoEngineInfo info = new CryptoEngineInfo(row, accel, driver, c.texts("notes"));
        c.done();
        return info;
    }

    private static LinuxCryptoDriver driver(JsonFields d) {
        LinuxCryptoDriver drv = new LinuxCryptoDriver(d.text("name"), d.optText("engine"), d.bool("mainline"),
                d.optText("path"), d.texts("compatibles"), d.texts("algorithms"), d.texts("notes"), d.optInt("hardwareFromBytes"));
        if (drv.hardwareFromBytes().isPresent() && d.optText("hardwareFromBytesSource").isEmpty()) {
            throw d.error("hardwareFromBytesSource", "a break-even packet size needs its source");
        }
        d.done();
        return drv;
    }

    private static ThroughputFigure throughput(JsonFields t) {
        String confidence = t.text("confidence");
        ThroughputFigure fig = new ThroughputFigure(t.text("metric"), t.optText("mode"), t.optText("configuration"),
                positive(t, "packetSizeBytes"), t.optDouble("kpps"), t.optDouble("mbps"), t.text("value"),
                t.text("conditions"), t.text("source"),
                ThroughputFigure.Confidence.ofKey(confidence).orElseThrow(() -> t.error("confidence",
                        "expected read, read-third-party or inferred, got '" + confidence + "'")));
        t.done();
        return fig;
    }

    private static DetectionHints detection(JsonFields d) {
        DetectionHints h = new DetectionHints(d.texts("deviceTreeModels"), d.texts("deviceTreeCompatibles"),
                d.texts("modelTokens"), d.texts("dmiPrefixes"), d.texts("cpuFlags"));
        d.done();
        return h;
    }

    private static OptionalInt positive(JsonFields f, String field) {
        OptionalInt v = f.optInt(field);
        if (v.isPresent() && v.getAsInt() <= 0) {
            throw f.error(field, "must be positive");
        }
        return v;
    }

    private static OptionalInt mtu(JsonFields f, String field) {
        OptionalInt v = f.optInt(field);
        if (v.isPresent() && (v.getAsInt() < MIN_MTU || v.getAsInt() > MAX_MTU)) {
            throw f.error(field, "outside " + MIN_MTU + ".." + MAX_MTU);
        }
        return v;
    }

    /** The facts this profile states; each needs a source. */
    static Set<BoardFact> statedFacts(BoardProfile p) {
        Set<BoardFact> facts = EnumSet.of(BoardFact.PORTS);
        CpuInfo c = p.cpu();
        if (c.model().isPresent() || c.cores().isPresent() || c.threads().isPresent()
                || c.minMhz().isPresent() || c.maxMhz().isPresent()) {
            facts.add(BoardFact.CPU);
        }
        p.architecture().ifPresent(a -> facts.add(BoardFact.ARCHITECTURE));
        p.ramBytes().ifPresent(r -> facts.add(BoardFact.MEMORY));
        p.storageBytes().ifPresent(s -> facts.add(BoardFact.STORAGE));
        for (BoardPort port : p.ports()) {
            port.speedMbps().ifPresent(v -> facts.add(BoardFact.PORT_SPEED));
            port.defaultMtu().ifPresent(v -> facts.add(BoardFact.DEFAULT_MTU));
            port.defaultL2mtu().ifPresent(v -> facts.add(BoardFact.DEFAULT_L2MTU));
            port.maxL2mtu().ifPresent(v -> facts.add(BoardFact.MAX_L2MTU));
        }
        if (!p.switchChips().isEmpty()) {
            facts.add(BoardFact.SWITCH_CHIP);
        }
        if (!p.crypto().acceleration().isEmpty()) {
            facts.add(BoardFact.HW_ACCELERATION);
        }
        p.crypto().linuxDriver().ifPresent(d -> facts.add(BoardFact.CRYPTO_DRIVER));
        DetectionHints h = p.detection();
        if (!h.deviceTreeModels().isEmpty() || !h.deviceTreeCompatibles().isEmpty() || !h.modelTokens().isEmpty()
                || !h.dmiPrefixes().isEmpty() || !h.cpuFlags().isEmpty()) {
            facts.add(BoardFact.DETECTION);
        }
        return facts;
    }

    private static void requireSources(JsonFields f, BoardProfile p) {
        for (BoardFact fact : statedFacts(p)) {
            if (p.source(fact).isEmpty()) {
                throw f.error("sources", "states " + fact.key() + " but has no sources." + fact.key());
            }
        }
    }
}
