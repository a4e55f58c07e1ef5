package rose.board;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything ROSE knows about one board, each fact with its source. Loaded from
 * {@code rose/board/boards/<id>.json} by {@link BoardProfiles}; immutable.
 *
 * <p>An empty {@code Optional} means no source gave the value. Profiles never carry a guessed value:
 * where the data is a ROSE default rather than a hardware fact (the eight ports of a CHR or x86
 * profile) its source says so.
 *
 * @param id           stable lower-case id ({@code "hex-rb750gr3"}, {@code "rb5009"})
 * @param name         marketing name ({@code "hEX"}); RouterOS {@code board-name}
 * @param productCode  product code / model ({@code "RB750Gr3"}); RouterOS {@code /system routerboard model}
 * @param architecture RouterOS {@code architecture-name} ({@code mmips}, {@code arm}, {@code arm64}, {@code x86_64})
 * @param cpu          the CPU
 * @param ramBytes     installed memory
 * @param storageBytes flash or disk
 * @param portLayout   whether {@link #ports()} is the board's own list or a default
 * @param ports        ports in RouterOS order
 * @param switchChips  switch chips and the ports they serve
 * @param crypto       RouterOS acceleration row and the Linux driver
 * @param throughput   published throughput figures with their conditions
 * @param detection    what identifies the board at run time
 * @param sources      source per fact, keyed by {@link BoardFact#key()} (plus free keys for notes)
 * @param notes        caveats in prose
 */
public record BoardProfile(String id, String name, Optional<String> productCode, Optional<String> architecture,
                           CpuInfo cpu, OptionalLong ramBytes, OptionalLong storageBytes,
                           PortLayout portLayout, List<BoardPort> ports, List<SwitchChip> switchChips,
                           CryptoEngineInfo crypto, List<ThroughputFigure> throughput,
                           DetectionHints detection, Map<String, String> sources, List<String> notes) {

    public BoardProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(ramBytes, "ramBytes");
        Objects.requireNonNull(storageBytes, "storageBytes");
        Objects.requireNonNull(portLayout, "portLayout");
        ports = List.copyOf(ports);
        switchChips = List.copyOf(switchChips);
        Objects.requireNonNull(crypto, "crypto");
        throughput = List.copyOf(throughput);
        Objects.requireNonNull(detection, "detection");
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        notes = List.copyOf(notes);
    }

    /** The port with this RouterOS name. */
    public Optional<BoardPort> port(String portName) {
        return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
    }

    /** Port names in order ({@code ether1}, {@code ether2}, …). */
    public List<String> portNames() {
        return ports.stream().map(BoardPort::name).toList();
    }

    /** Where {@code fact} was read. */
    public Optional<String> source(BoardFact fact) {
        return Optional.ofNullable(sources.get(fact.key()));
    }
}
