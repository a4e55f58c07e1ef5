package rose.board;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The CPU feature flags of {@code /proc/cpuinfo}: the {@code flags} line on x86, the {@code Features}
 * line on ARM. They decide which software crypto paths are fast: AES-NI and PCLMULQDQ (AES-GCM) and
 * AVX2 on x86; the ARMv8 crypto extensions {@code aes}, {@code pmull} and {@code sha2} on arm64.
 */
public record CpuFeatures(Set<String> flags) {

    public CpuFeatures {
        flags = Collections.unmodifiableSet(new LinkedHashSet<>(flags));
    }

    /** No flags known. */
    public static CpuFeatures none() {
        return new CpuFeatures(Set.of());
    }

    /** Parses the first {@code flags} or {@code Features} line of {@code /proc/cpuinfo}. */
    public static CpuFeatures parseCpuinfo(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            if (key.equals("flags") || key.equals("Features")) {
                String value = line.substring(colon + 1).trim();
                return new CpuFeatures(value.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.split("\\s+"))));
            }
        }
        return none();
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** AES instructions: x86 {@code aes} (AES-NI) or arm64 {@code aes}. */
    public boolean aes() {
        return has("aes");
    }

    /** Carry-less multiply for GHASH: x86 {@code pclmulqdq} or arm64 {@code pmull}. */
    public boolean carrylessMultiply() {
        return has("pclmulqdq") || has("pmull");
    }

    /** x86 {@code avx2}. */
    public boolean avx2() {
        return has("avx2");
    }

    /** SHA-256 instructions: arm64 {@code sha2} or x86 {@code sha_ni}. */
    public boolean sha2() {
        return has("sha2") || has("sha_ni");
    }

    /** x86 {@code hypervisor}: the CPU says it runs under a hypervisor. */
    public boolean hypervisor() {
        return has("hypervisor");
    }
}
