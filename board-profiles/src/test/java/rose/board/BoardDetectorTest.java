package rose.board;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection from a faked device tree, DMI and cpuinfo below a temporary root. */
class BoardDetectorTest {

    static BoardProfiles boards;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        boards = BoardProfiles.load();
    }

    DetectedBoard detect() {
        return detect("amd64");
    }

    DetectedBoard detect(String osArch) {
        return new BoardDetector(boards, root, () -> 3, osArch).detect();
    }

    void write(String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    }

    static String x86Cpuinfo(int cpus, String flags) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cpus; i++) {
            s.append("processor\t: ").append(i).append('\n')
                    .append("vendor_id\t: GenuineIntel\n")
                    .append("model name\t: Intel(R) N100\n")
                    .append("flags\t\t: ").append(flags).append("\n\n");
        }
        return s.toString();
    }

    static final String X86_FLAGS = "fpu vme de pse tsc msr pae mce cx8 apic sep lm constant_tsc pclmulqdq ssse3 sse4_1 aes avx avx2 sha_ni";

    static final String ARM64_CPUINFO = """
            processor\t: 0
            BogoMIPS\t: 50.00
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid
            CPU implementer\t: 0x41
            CPU architecture: 8
            CPU variant\t: 0x0
            CPU part\t: 0xd08

            processor\t: 1
            BogoMIPS\t: 50.00
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid
            CPU implementer\t: 0x41
            CPU architecture: 8
            """;

    @Test
    void rb5009FromItsDeviceTreeModel() throws IOException {
        write("proc/device-tree/model", "MikroTik RB5009\0");
        write("proc/cpuinfo", ARM64_CPUINFO);
        DetectedBoard d = detect("aarch64");
        assertEquals("rb5009", d.profile().id());
        assertEquals(DetectionMethod.DEVICE_TREE_MODEL, d.method());
        assertTrue(d.evidence().contains("MikroTik RB5009"), d.evidence());
        assertEquals(boards.byId("rb5009").orElseThrow(), d.profile(), "a fixed board keeps its published data");
        assertEquals(1L << 30, d.profile().ramBytes().orElseThrow());
    }

    @Test
    void hexFromSysfsDeviceTreeWhenProcHasNone() throws IOException {
        write("sys/firmware/devicetree/base/model", "MikroTik RouterBOARD 750Gr3\0");
        DetectedBoard d = detect("mipsel");
        assertEquals("hex-rb750gr3", d.profile().id());
        assertEquals(List.of("ether1", "ether2", "ether3", "ether4", "ether5"), d.profile().portNames());
        assertEquals(2026, d.profile().port("ether3").orElseThrow().maxL2mtu().orElseThrow());
    }

    @Test
    void hapAc2FromCompatibleWhenTheModelIsUnfamiliar() throws IOException {
        write("proc/device-tree/model", "Some vendor kernel board\0");
        write("proc/device-tree/compatible", "mikrotik,hap-ac2\0qcom,ipq4019\0");
        DetectedBoard d = detect("arm");
        assertEquals("hap-ac2", d.profile().id());
        assertEquals(DetectionMethod.DEVICE_TREE_COMPATIBLE, d.method());
    }

    @Test
    void productCodeInsideAnUnlistedModelString() throws IOException {
        write("proc/device-tree/model", "MikroTik RB4011iGS+RM\0");
        DetectedBoard d = detect("arm");
        assertEquals("rb4011", d.profile().id());
        assertEquals(DetectionMethod.DEVICE_TREE_MODEL_TOKEN, d.method());

        write("proc/device-tree/model", "MikroTik CCR2004-1G-12S+2XS\0");
        assertEquals("ccr2004-1g-12s-2xs", detect("aarch64").profile().id());
    }

    @Test
    void qemuDmiSelectsChrDescribingTheMachine() throws IOException {
        write("sys/class/dmi/id/sys_vendor", "QEMU\n");
        write("sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n");
        write("proc/cpuinfo", x86Cpuinfo(4, X86_FLAGS + " hypervisor"));
        write("proc/meminfo", "MemTotal:        2048000 kB\nMemFree:          100000 kB\n");
        DetectedBoard d = detect();
        assertEquals("chr", d.profile().id());
        assertEquals(DetectionMethod.DMI, d.method());
        assertTrue(d.evidence().contains("QEMU"), d.evidence());
        BoardProfile chr = d.profile();
        assertEquals(4, chr.cpu().cores().orElseThrow());
        assertEquals("Intel(R) N100", chr.cpu().model().orElseThrow());
        assertEquals(2048000L * 1024, chr.ramBytes().orElseThrow());
        assertEquals("x86_64", chr.architecture().orElseThrow());
        assertTrue(chr.source(BoardFact.MEMORY).orElseThrow().contains("/proc/meminfo"));
        assertEquals("x86 (AES-NI)", chr.crypto().routerosRow().orElseThrow(), "AES-NI present: row kept");
    }

    @Test
    void hypervisorFlagAloneSelectsChr() throws IOException {
        write("proc/cpuinfo", x86Cpuinfo(2, X86_FLAGS + " hypervisor"));
        DetectedBoard d = detect();
        assertEquals("chr", d.profile().id());
        assertEquals(DetectionMethod.CPU_FLAGS, d.method());
    }

    @Test
    void bareX86FallsBackToGenericWithEightPorts() throws IOException {
        write("sys/class/dmi/id/sys_vendor", "Default string\n");
        write("sys/class/dmi/id/product_name", "N100 mini PC\n");
        write("proc/cpuinfo", x86Cpuinfo(4, X86_FLAGS));
        write("proc/meminfo", "MemTotal:       16314180 kB\n");
        DetectedBoard d = detect();
        BoardProfile g = d.profile();
        assertEquals("x86-minipc", g.id());
        assertEquals(DetectionMethod.FALLBACK, d.method());
        assertEquals(IntStream.rangeClosed(1, 8).mapToObj(i -> "ether" + i).toList(), g.portNames());
        for (BoardPort p : g.ports()) {
            assertEquals(1500, p.defaultMtu().orElseThrow());
            assertTrue(p.defaultL2mtu().isEmpty());
            assertTrue(p.maxL2mtu().isEmpty());
        }
        assertEquals(4, g.cpu().cores().orElseThrow());
        assertEquals(16314180L * 1024, g.ramBytes().orElseThrow());
        assertEquals("x86_64", g.architecture().orElseThrow());

        CpuFeatures cpu = d.machine().cpuFeatures();
        assertTrue(cpu.aes());
        assertTrue(cpu.carrylessMultiply());
        assertTrue(cpu.avx2());
        assertTrue(cpu.sha2());
        assertFalse(cpu.hypervisor());
    }

    @Test
    void x86WithoutAesNiLosesTheAccelerationRow() throws IOException {
        write("proc/cpuinfo", x86Cpuinfo(2, "fpu lm sse2"));
        BoardProfile g = detect().profile();
        assertEquals("x86-minipc", g.id());
        assertTrue(g.crypto().routerosRow().isEmpty());
        assertTrue(g.crypto().acceleration().isEmpty());
        assertTrue(g.crypto().notes().stream().anyMatch(n -> n.contains("without the aes CPU flag")));
        assertTrue(g.source(BoardFact.HW_ACCELERATION).isEmpty());
    }

    @Test
    void unknownArm64BoardFallsBackDescribedAsArm64() throws IOException {
        write("proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.4\0");
        write("proc/cpuinfo", ARM64_CPUINFO);
        DetectedBoard d = detect("aarch64");
        assertEquals(DetectionMethod.FALLBACK, d.method());
        assertTrue(d.evidence().contains("Raspberry Pi"), d.evidence());
        assertEquals("arm64", d.profile().architecture().orElseThrow());
        assertEquals(2, d.profile().cpu().cores().orElseThrow());
        assertTrue(d.profile().crypto().routerosRow().isEmpty(), "the x86 row does not apply to arm64");
        CpuFeatures cpu = d.machine().cpuFeatures();
        assertTrue(cpu.aes());
        assertTrue(cpu.carrylessMultiply());
        assertTrue(cpu.sha2());
        assertFalse(cpu.avx2());
    }

    @Test
    void emptyRootFallsBackOnTheJvmView() {
        DetectedBoard d = detect();
        assertEquals("x86-minipc", d.profile().id());
        assertEquals(3, d.profile().cpu().cores().orElseThrow(), "no cpuinfo: the JVM's processor count");
        assertEquals("x86_64", d.profile().architecture().orElseThrow(), "from os.arch");
        assertTrue(d.profile().ramBytes().isEmpty());
        assertEquals(8, d.profile().ports().size());
    }

    @Test
    void ambiguousTokensMatchNothing() {
        BoardProfile base = boards.byId("hap-ax2").orElseThrow();
        BoardProfile a = copyWithTokens(base, "aaa", List.of("RB9"));
        BoardProfile b = copyWithTokens(base, "bbb", List.of("RB8"));
        BoardProfiles two = BoardProfiles.of(List.of(a, b, boards.fallback()), boards.fallback().id());
        try {
            write("proc/device-tree/model", "MikroTik RB9 RB8\0");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        DetectedBoard d = new BoardDetector(two, root, () -> 1, "arm").detect();
        assertEquals(DetectionMethod.FALLBACK, d.method());
    }

    @Test
    void thisMachineAlwaysYieldsAProfile() {
        DetectedBoard d = BoardDetector.forThisMachine(boards).detect();
        assertFalse(d.profile().ports().isEmpty());
        assertFalse(d.evidence().isBlank());
    }

    static BoardProfile copyWithTokens(BoardProfile p, String id, List<String> tokens) {
        return new BoardProfile(id, p.name(), p.productCode(), p.architecture(), p.cpu(), p.ramBytes(), p.storageBytes(),
                p.portLayout(), p.ports(), p.switchChips(), p.crypto(), p.throughput(),
                new DetectionHints(List.of(), List.of(), tokens, List.of(), List.of()), p.sources(), p.notes());
    }
}
