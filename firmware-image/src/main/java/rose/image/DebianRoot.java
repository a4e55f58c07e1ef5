package rose.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Debian part of the image: a bookworm minbase root made by {@code mmdebstrap} (no root-only
 * loop mounts: it writes a tarball), cached by everything that decides its content, so a second
 * build reuses it and a new kernel or systemd in Debian, or a change to the recipe here, makes
 * a fresh one.
 *
 * <p>The kernel's initramfs is made in the chroot by initramfs-tools with {@code MODULES=list}
 * (only the storage and filesystem drivers needed to find the root) and zstd: the generic
 * "most" set is four times larger and slower to load on a small board.
 */
final class DebianRoot {
    static final String SUITE = "bookworm";
    static final String MIRROR = "http://deb.debian.org/debian";

    /** Storage and filesystem drivers the initramfs carries to find the root partition. */
    static final List<String> INITRAMFS_MODULES = List.of("virtio_pci", "virtio_blk", "virtio_scsi", "sd_mod", "ahci",
            "nvme", "mmc_block", "sdhci_pci", "sdhci_acpi", "sdhci_of_arasan", "usb_storage", "uas", "xhci_pci",
            "xhci_plat_hcd", "ehci_pci", "ext4", "vfat", "nls_cp437", "nls_ascii");

    private DebianRoot() {
    }

    /** The packages of the root; the JRE comes from Debian only where the host cannot jlink one. */
    static List<String> packages(Arch arch, boolean debianJre) {
        List<String> p = new java.util.ArrayList<>(List.of("linux-image-" + arch.debian, "systemd", "systemd-sysv", "udev",
                "systemd-boot", "kmod", "iproute2", "ethtool", "zstd"));
        if (debianJre) p.add("openjdk-17-jre-headless");
        return p;
    }

    /** The essential hook: initramfs settings before the kernel's postinst makes the initramfs. */
    static String essentialHook() {
        return "mkdir -p \"$1/usr/share/man/man1\" \"$1/etc/initramfs-tools/conf.d\""
                + " && printf 'MODULES=list\\nCOMPRESS=zstd\\n' > \"$1/etc/initramfs-tools/conf.d/rose.conf\""
                + " && printf '" + String.join("\\n", INITRAMFS_MODULES) + "\\n' >> \"$1/etc/initramfs-tools/modules\"";
    }

    /** The cached tarball for this recipe, made now if missing. */
    static Path tarball(Arch arch, boolean debianJre, Path cache, Tool tool) throws IOException {
        List<String> pkgs = packages(arch, debianJre);
        String key = key(arch, pkgs);
        Path tar = cache.resolve("debian-" + SUITE + "-" + arch.debian + "-" + key + ".tar");
        if (Files.isRegularFile(tar)) return tar;
        Files.createDirectories(cache);
        Path partial = cache.resolve(tar.getFileName() + ".partial");
        tool.run("mmdebstrap", "--variant=minbase", "--architectures=" + arch.debian,
                "--include=" + String.join(",", pkgs),
                "--dpkgopt=path-exclude=/usr/share/man/*", "--dpkgopt=path-exclude=/usr/share/doc/*",
                "--dpkgopt=path-exclude=/usr/share/locale/*", "--dpkgopt=path-exclude=/usr/share/info/*",
                "--essential-hook=" + essentialHook(),
                "--format=tar", SUITE, partial.toString(), MIRROR);
        Files.move(partial, tar, StandardCopyOption.ATOMIC_MOVE);
        return tar;
    }

    /**
     * What decides the root's content: the recipe and the candidate versions of the packages
     * that matter most (the kernel, systemd). Without apt metadata for the architecture the
     * recipe alone keys it (the cache then lives until the recipe changes).
     */
    static String key(Arch arch, List<String> pkgs) {
        StringBuilder s = new StringBuilder(SUITE).append('\n').append(MIRROR).append('\n').append(essentialHook()).append('\n')
                .append(String.join(",", pkgs)).append('\n');
        for (String p : List.of("linux-image-" + arch.debian, "systemd")) {
            try {
                String policy = Tool.output("apt-cache", "policy", p + (arch == Arch.host() ? "" : ":" + arch.debian));
                for (String line : policy.split("\n")) if (line.trim().startsWith("Candidate:")) s.append(p).append('=').append(line.trim()).append('\n');
            } catch (IOException e) {
                s.append(p).append("=unknown\n");
            }
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
