package rose.appliance;

import java.util.Objects;

import rose.cli.status.Hardware;

/**
 * The board this router booted on, as the appliance needs it: the {@link Hardware} that
 * routeros-cli seeds and shows, plus the facts only status menus print. A null field is a
 * fact we do not know and is not printed.
 *
 * @param id              the board profile id ({@code ccr2116}, {@code x86-minipc})
 * @param chosenBy        why this board: {@code --board}, what detection saw, or the fallback
 * @param cpuFrequencyMhz {@code /system resource cpu-frequency}
 * @param revision        {@code /system routerboard revision}
 * @param firmwareType    {@code /system routerboard firmware-type}
 * @param factoryFirmware {@code /system routerboard factory-firmware}
 */
public record Board(String id, String chosenBy, Hardware hardware, Integer cpuFrequencyMhz, String revision,
        String firmwareType, String factoryFirmware) {

    public Board {
        Objects.requireNonNull(id);
        Objects.requireNonNull(chosenBy);
        Objects.requireNonNull(hardware);
    }

    /** Nothing known but the generic x86 ports (when no board profile can be read). */
    public static Board genericX86(String chosenBy) {
        return new Board("x86", chosenBy, Hardware.genericX86(), null, null, null, null);
    }
}
