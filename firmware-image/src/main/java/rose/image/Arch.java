package rose.image;

import java.util.Locale;
import java.util.UUID;

/**
 * The two architectures an image is built for: Debian's name, UEFI's names, the serial port
 * the firmware and kernel talk on, and the GPT type of the root partition (Discoverable
 * Partitions Specification), so tools that look at the disk know what they see.
 */
enum Arch {
    AMD64("amd64", "x86_64", "BOOTX64.EFI", "systemd-bootx64.efi", "ttyS0", GptDisk.ROOT_X86_64),
    ARM64("arm64", "arm64", "BOOTAA64.EFI", "systemd-bootaa64.efi", "ttyAMA0", GptDisk.ROOT_ARM64);

    final String debian;
    final String routerOs;
    final String efiFallbackName;
    final String systemdBootFile;
    final String serial;
    final UUID rootType;

    Arch(String debian, String routerOs, String efiFallbackName, String systemdBootFile, String serial, UUID rootType) {
        this.debian = debian;
        this.routerOs = routerOs;
        this.efiFallbackName = efiFallbackName;
        this.systemdBootFile = systemdBootFile;
        this.serial = serial;
        this.rootType = rootType;
    }

    /** {@code amd64} or {@code arm64}; anything else is refused with the names that work. */
    static Arch parse(String s) {
        for (Arch a : values()) if (a.debian.equals(s.toLowerCase(Locale.ROOT))) return a;
        throw new IllegalArgumentException("--arch must be amd64 or arm64, not " + s);
    }

    /** The architecture of the machine building the image (jlink can only trim its own JDK). */
    static Arch host() {
        String a = System.getProperty("os.arch", "");
        return a.equals("aarch64") || a.equals("arm64") ? ARM64 : AMD64;
    }
}
