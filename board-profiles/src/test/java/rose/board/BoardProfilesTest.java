package rose.board;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped data file loads, and the facts we rely on are the published ones. */
class BoardProfilesTest {

    static final List<String> IDS = List.of("hex-rb750gr3", "hex-s-rb760igs", "hap-ac2", "hap-ac3", "hap-ax2",
            "hap-ax3", "rb4011", "rb5009", "ccr2004-1g-12s-2xs", "ccr2116", "ccr2216", "chr", "x86-minipc");

    static BoardProfiles boards;

    @BeforeAll
    static void load() {
        boards = BoardProfiles.load();
    }

    static Stream<BoardProfile> allBoards() {
        return BoardProfiles.load().all().stream();
    }

    BoardProfile board(String id) {
        return boards.byId(id).orElseThrow();
    }

    @Test
    void indexListsTheThirteenBoardsInOrder() {
        assertEquals(IDS, boards.ids());
        assertEquals("x86-minipc", boards.fallback().id());
    }

    @Test
    void everyDataFileIsListedInTheIndex() throws IOException, URISyntaxException {
        URL dir = getClass().getClassLoader().getResource(BoardProfiles.RESOURCE_DIR);
        Set<String> files;
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = IDS.stream().map(id -> id + ".json").collect(Collectors.toCollection(TreeSet::new));
        expected.add(BoardProfiles.INDEX);
        assertEquals(expected, files);
    }

    @Test
    void lookupIgnoresCaseAndMissesUnknownIds() {
        assertEquals("rb5009", boards.byId("RB5009").orElseThrow().id());
        assertTrue(boards.byId("rb3011").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBoards")
    void portsHaveRouterOsNamesAndSources(BoardProfile b) {
        assertFalse(b.ports().isEmpty());
        for (BoardPort p : b.ports()) {
            assertTrue(p.name().matches("(ether|sfp|sfp-sfpplus|sfp28-|qsfp28-)[0-9]+(-[0-9]+)?"), p.name());
            assertEquals(1500, p.defaultMtu().orElseThrow(), p.name());
            assertTrue(p.defaultL2mtu().isEmpty(), "no source gives a default L2MTU: " + p.name());
        }
        assertTrue(b.source(BoardFact.PORTS).isPresent());
        assertTrue(b.source(BoardFact.DEFAULT_MTU).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBoards")
    void everyStatedFactHasASource(BoardProfile b) {
        for (BoardFact f : BoardProfileReader.statedFacts(b)) {
            assertTrue(b.source(f).filter(s -> !s.isBlank()).isPresent(), b.id() + " " + f.key());
        }
        for (ThroughputFigure t : b.throughput()) {
            assertFalse(t.source().isBlank());
            assertFalse(t.conditions().isBlank());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBoards")
    void everyBoardHasTheRouterOsAccelerationRow(BoardProfile b) {
        assertTrue(b.crypto().routerosRow().isPresent(), b.id());
        assertEquals(CipherAcceleration.CIPHERS,
                b.crypto().acceleration().stream().map(CipherAcceleration::cipher).toList());
    }

    @Test
    void hexHasFiveGigabitPortsWithMaxL2mtu2026() {
        BoardProfile hex = board("hex-rb750gr3");
        assertEquals("hEX", hex.name());
        assertEquals("RB750Gr3", hex.productCode().orElseThrow());
        assertEquals("mmips", hex.architecture().orElseThrow());
        assertEquals(names("ether", 1, 5), hex.portNames());
        for (BoardPort p : hex.ports()) {
            assertEquals(2026, p.maxL2mtu().orElseThrow());
            assertEquals(1000, p.speedMbps().orElseThrow());
        }
        assertEquals(2, hex.cpu().cores().orElseThrow());
        assertEquals(880, hex.cpu().maxMhz().orElseThrow());
        assertEquals(256L << 20, hex.ramBytes().orElseThrow());
        assertEquals(16L << 20, hex.storageBytes().orElseThrow());
        assertEquals("MT7621", hex.switchChips().get(0).name());
    }

    @Test
    void hexSAddsSfp1() {
        BoardProfile hexS = board("hex-s-rb760igs");
        assertEquals(List.of("ether1", "ether2", "ether3", "ether4", "ether5", "sfp1"), hexS.portNames());
        assertEquals(2026, hexS.port("sfp1").orElseThrow().maxL2mtu().orElseThrow());
        assertEquals(List.of("ether1", "ether2", "ether3", "ether4", "ether5"), hexS.switchChips().get(0).ports());
    }

    @Test
    void ccr2004HasOneCopperTwelveSfpPlusTwoSfp28() {
        BoardProfile ccr = board("ccr2004-1g-12s-2xs");
        List<String> expected = Stream.of(Stream.of("ether1"), names("sfp-sfpplus", 1, 12).stream(),
                Stream.of("sfp28-1", "sfp28-2")).flatMap(s -> s).toList();
        assertEquals(expected, ccr.portNames());
        assertEquals(9586, ccr.port("ether1").orElseThrow().maxL2mtu().orElseThrow());
        assertEquals(9578, ccr.port("sfp-sfpplus12").orElseThrow().maxL2mtu().orElseThrow());
        assertEquals(9578, ccr.port("sfp28-2").orElseThrow().maxL2mtu().orElseThrow());
        assertEquals(25000, ccr.port("sfp28-1").orElseThrow().speedMbps().orElseThrow());
        assertTrue(ccr.switchChips().isEmpty(), "the docs do not name this model's switch chip");
        assertEquals(4L << 30, ccr.ramBytes().orElseThrow());
    }

    @Test
    void rb5009HasEightEtherOneSfpPlusAnd2500MbitEther1() {
        BoardProfile rb = board("rb5009");
        List<String> expected = Stream.concat(names("ether", 1, 8).stream(), Stream.of("sfp-sfpplus1")).toList();
        assertEquals(expected, rb.portNames());
        rb.ports().forEach(p -> assertEquals(9796, p.maxL2mtu().orElseThrow(), p.name()));
        assertEquals(2500, rb.port("ether1").orElseThrow().speedMbps().orElseThrow());
        assertEquals(1000, rb.port("ether2").orElseThrow().speedMbps().orElseThrow());
        assertEquals(10000, rb.port("sfp-sfpplus1").orElseThrow().speedMbps().orElseThrow());
        assertEquals(expected, rb.switchChips().get(0).ports());
        LinuxCryptoDriver drv = rb.crypto().linuxDriver().orElseThrow();
        assertTrue(drv.mainline());
        assertTrue(drv.offers("rfc4106(gcm(aes))"));
        assertTrue(drv.compatibles().contains("inside-secure,safexcel-eip197b"));
    }

    @Test
    void rb4011SfpPlusHasTheLargerL2mtuAndPublishedEthernetTable() {
        BoardProfile rb = board("rb4011");
        assertEquals(11, rb.ports().size());
        assertEquals(9578, rb.port("ether10").orElseThrow().maxL2mtu().orElseThrow());
        assertEquals(9982, rb.port("sfp-sfpplus1").orElseThrow().maxL2mtu().orElseThrow());
        assertEquals(2, rb.switchChips().size());
        assertEquals(12, rb.throughput().size());
        ThroughputFigure fastPath1518 = rb.throughput().stream()
                .filter(t -> t.mode().orElse("").equals("Routing") && t.configuration().orElse("").equals("none (fast path)")
                        && t.packetSizeBytes().orElse(0) == 1518)
                .findFirst().orElseThrow();
        assertEquals(9792.9, fastPath1518.mbps().orElseThrow());
        assertEquals(806.4, fastPath1518.kpps().orElseThrow());
        assertEquals(ThroughputFigure.Confidence.READ, fastPath1518.confidence());
        assertTrue(rb.cpu().note().orElseThrow().contains("1.4 GHz"), "the clock conflict is kept, not resolved");
    }

    @Test
    void unknownFactsStayEmpty() {
        board("hap-ac3").ports().forEach(p -> assertTrue(p.maxL2mtu().isEmpty(), "not in the MTU table: " + p.name()));
        board("hap-ax3").ports().forEach(p -> assertTrue(p.speedMbps().isEmpty(), "2.5G port not identified: " + p.name()));
        board("ccr2216").ports().stream().filter(p -> p.name().startsWith("qsfp28-"))
                .forEach(p -> assertTrue(p.speedMbps().isEmpty(), p.name()));
        assertTrue(board("rb4011").crypto().linuxDriver().orElseThrow().algorithms().isEmpty(), "al_crypto not verified");
        assertTrue(board("x86-minipc").ramBytes().isEmpty());
        assertTrue(board("x86-minipc").architecture().isEmpty());
    }

    @Test
    void ccr2216NamesItsBreakoutPorts() {
        BoardProfile ccr = board("ccr2216");
        assertEquals(21, ccr.ports().size());
        assertTrue(ccr.portNames().containsAll(List.of("ether1", "sfp28-1", "sfp28-12", "qsfp28-1-1", "qsfp28-2-4")));
        assertEquals(16, ccr.cpu().cores().orElseThrow());
    }

    @Test
    void routerOsAccelerationTable() {
        CryptoEngineInfo mt7621 = board("hex-rb750gr3").crypto();
        assertEquals(true, mt7621.routerosAccelerates("aes-cbc", "sha256").orElseThrow());
        assertEquals(false, mt7621.routerosAccelerates("aes-cbc", "sha512").orElseThrow());
        assertFalse(mt7621.cipher("aes-gcm").orElseThrow().acceleratedWithAnyHash());
        assertFalse(mt7621.linuxDriver().orElseThrow().offers("rfc4106(gcm(aes))"), "EIP-93 has no GCM");
        assertTrue(mt7621.linuxDriver().orElseThrow().offers("authenc(hmac(sha1),cbc(aes))"));

        CryptoEngineInfo ipq6010 = board("hap-ax2").crypto();
        assertEquals(true, ipq6010.routerosAccelerates("aes-gcm", "sha256").orElseThrow());
        assertFalse(ipq6010.linuxDriver().orElseThrow().offers("rfc4106(gcm(aes))"), "mainline qce has no GCM");

        CryptoEngineInfo ipq4018 = board("hap-ac2").crypto();
        assertEquals(false, ipq4018.routerosAccelerates("aes-cbc", "md5").orElseThrow());
        assertTrue(ipq4018.cipher("aes-cbc").orElseThrow().note().orElseThrow().contains("128-bit and 256-bit"));

        CryptoEngineInfo x86 = board("x86-minipc").crypto();
        assertFalse(x86.cipher("des-3des").orElseThrow().acceleratedWithAnyHash());
        assertTrue(x86.routerosAccelerates("aes-gcm", "sha1").orElseThrow());
        assertTrue(x86.routerosAccelerates("aes-gcm", "whirlpool").isEmpty());
    }

    @Test
    void virtualProfilesListEightDefaultPorts() {
        for (String id : List.of("chr", "x86-minipc")) {
            BoardProfile b = board(id);
            assertEquals(PortLayout.NIC_DEPENDENT, b.portLayout());
            assertEquals(names("ether", 1, 8), b.portNames());
            b.ports().forEach(p -> assertTrue(p.maxL2mtu().isEmpty()));
        }
        assertEquals(PortLayout.FIXED, board("rb5009").portLayout());
    }

    static List<String> names(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
    }
}
