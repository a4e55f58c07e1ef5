package rose.appliance.upgrade;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Installs an {@link UpdateBundle} into the A/B slot the router did not boot from, so that the
 * next boot tries it and a failed one falls back.
 *
 * <ol>
 *   <li>refuse a bundle not signed with the image's update key ({@link UpdateSignature}), one for
 *       another architecture, or any when the router did not boot from a slot;</li>
 *   <li>remove the other slot's boot entries first: from here on, until step 5, it cannot be
 *       booted, whatever is half written in it;</li>
 *   <li>stream the bundle once: the kernel and initramfs to {@code ESP/rose-X/} (as {@code .tmp}
 *       files), the root file system through {@code zstd -dc} onto the slot's partition, every
 *       part's SHA-256 checked on the way;</li>
 *   <li>rename the kernel and initramfs into place, flush the partition and the ESP;</li>
 *   <li>write {@code loader/entries/rose-X+3.conf} (renamed into place: the commit point). Its
 *       {@code version} is the bundle's build time, newer than the running slot's, so systemd-boot
 *       boots it first. {@code +3} is systemd-boot's boot counting: each boot of it that is not
 *       blessed uses a try, and with none left it sorts last, so the previous slot boots again.
 *       {@code systemd-bless-boot} blesses it (renames it {@code rose-X.conf}) once
 *       {@code boot-complete.target} is reached, which needs ROSE up ({@code rose.service}).</li>
 * </ol>
 *
 * The data partition is not touched: the configuration survives. The paths are given, so tests
 * run it on a directory and a file standing in for the ESP and the partition.
 */
public final class SlotInstaller {
    /** Tries systemd-boot gives a new slot before it falls back. */
    static final int TRIES = 3;

    private final Path esp;
    private final Path byPartlabel;
    private final Path byPartuuid;
    private final String booted;
    private final String arch;
    private final PublicKey updateKey;

    /**
     * @param esp         the mounted EFI system partition ({@code /boot/efi})
     * @param byPartlabel {@code /dev/disk/by-partlabel}: the slots are {@code rose-a} and {@code rose-b}
     * @param byPartuuid  {@code /dev/disk/by-partuuid}: the new entry's {@code root=PARTUUID=}
     * @param booted      the slot booted now, {@code a} or {@code b} ({@code rose.slot=} on the kernel command line)
     * @param arch        this machine's Debian architecture ({@code amd64}, {@code arm64})
     * @param updateKey   the key updates must be signed with (baked into the image); null: none, every update is refused
     */
    public SlotInstaller(Path esp, Path byPartlabel, Path byPartuuid, String booted, String arch, PublicKey updateKey) {
        if (!booted.equals("a") && !booted.equals("b")) throw new IllegalArgumentException("slot " + booted);
        this.esp = esp;
        this.byPartlabel = byPartlabel;
        this.byPartuuid = byPartuuid;
        this.booted = booted;
        this.arch = arch;
        this.updateKey = updateKey;
    }

    /** The installer of a router booted from a ROSE image; empty elsewhere (no {@code rose.slot=}). */
    public static Optional<SlotInstaller> onThisMachine() {
        try {
            String cmdline = Files.readString(Path.of("/proc/cmdline"), StandardCharsets.US_ASCII);
            Optional<String> slot = slotOf(cmdline);
            if (slot.isEmpty() || !Files.isDirectory(Path.of("/boot/efi/loader/entries"))) return Optional.empty();
            String os = System.getProperty("os.arch", "");
            String arch = os.equals("aarch64") || os.equals("arm64") ? "arm64" : "amd64";
            return Optional.of(new SlotInstaller(Path.of("/boot/efi"), Path.of("/dev/disk/by-partlabel"),
                    Path.of("/dev/disk/by-partuuid"), slot.get(), arch, imageKey()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The update key baked into this image; null if it has none or it is unreadable (updates are then refused). */
    private static PublicKey imageKey() {
        try {
            return Files.isRegularFile(UpdateSignature.IMAGE_KEY) ? UpdateSignature.readPublic(UpdateSignature.IMAGE_KEY) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static Optional<String> slotOf(String cmdline) {
        for (String word : cmdline.trim().split("\\s+")) {
            if (word.equals("rose.slot=a") || word.equals("rose.slot=b")) return Optional.of(word.substring(10));
        }
        return Optional.empty();
    }

    public String booted() {
        return booted;
    }

    public String target() {
        return booted.equals("a") ? "b" : "a";
    }

    /** Installs {@code bundle}; returns its manifest. Refused bundles leave the other slot unbootable, never half-bootable. */
    public UpdateBundle.Manifest install(Path bundle) throws IOException, UpdateBundle.Refused {
        String slot = target();
        Path partition = byPartlabel.resolve("rose-" + slot);
        if (!Files.exists(partition)) throw new UpdateBundle.Refused("failure: no partition rose-" + slot + " on this disk");
        String partuuid = partuuidOf(partition);
        Path current = entryOf(booted).orElseThrow(() -> new UpdateBundle.Refused("failure: no boot entry for slot " + booted));
        String currentEntry = Files.readString(current, StandardCharsets.UTF_8);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle), 1 << 16)) {
            UpdateBundle.Manifest m = UpdateBundle.readManifest(in);
            UpdateSignature.verify(m, updateKey);         // before anything of the other slot changes
            if (!m.get("arch").equals(arch)) {
                throw new UpdateBundle.Refused("failure: update is for " + m.get("arch") + ", this router is " + arch);
            }
            for (Path old : entries(slot)) Files.delete(old);
            sync(esp.resolve("loader/entries"));
            Path dir = Files.createDirectories(esp.resolve("rose-" + slot));
            Path kernel = dir.resolve("vmlinuz.tmp");
            Path initrd = dir.resolve("initrd.img.tmp");
            try {
                copy(in, m.parts().get(0), kernel);
                copy(in, m.parts().get(1), initrd);
                writeRoot(in, m.parts().get(2), partition);
                if (in.read() >= 0) throw new UpdateBundle.Refused("failure: update is damaged (bytes after the last part)");
                Files.move(kernel, dir.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
                Files.move(initrd, dir.resolve("initrd.img"), StandardCopyOption.REPLACE_EXISTING);
                sync(dir);
            } finally {
                Files.deleteIfExists(kernel);
                Files.deleteIfExists(initrd);
            }
            Path entry = esp.resolve("loader/entries/rose-" + slot + "+" + TRIES + ".conf");
            Path tmp = entry.resolveSibling(entry.getFileName() + ".tmp");
            write(tmp, entry(currentEntry, slot, partuuid, m));
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
            sync(entry.getParent());
            return m;
        }
    }

    private static void copy(InputStream in, UpdateBundle.Part part, Path to) throws IOException, UpdateBundle.Refused {
        try (OutputStream out = Files.newOutputStream(to)) {
            UpdateBundle.copyPart(in, part, out);
        }
        try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** The root through {@code zstd -dc} onto the partition (a block device on a board, a file in tests). */
    private static void writeRoot(InputStream in, UpdateBundle.Part part, Path partition) throws IOException, UpdateBundle.Refused {
        Path err = Files.createTempFile("rose-update-zstd", ".err");
        // O_TRUNC (Redirect.to) is a no-op on a block device: zstd writes from its first byte
        Process zstd = new ProcessBuilder("zstd", "-dc", "-q").redirectOutput(ProcessBuilder.Redirect.to(partition.toFile()))
                .redirectError(err.toFile()).start();
        try {
            try (OutputStream toZstd = zstd.getOutputStream()) {
                UpdateBundle.copyPart(in, part, toZstd);
            } catch (IOException e) {
                // zstd stopped reading: it failed (no space on the slot?); its message says why
            }
            int status = zstd.waitFor();
            String why = Files.readString(err).trim();
            if (status != 0) {
                throw new UpdateBundle.Refused("failure: could not write the root to rose slot (" + (why.isEmpty() ? "zstd exit " + status : why) + ")");
            }
            try (FileChannel ch = FileChannel.open(partition, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        } catch (InterruptedException e) {
            zstd.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the root");
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /**
     * The new slot's entry, made from the running one (its console and kernel options are the
     * board's): the slot, its paths, its root and the bundle's version swapped in.
     */
    static String entry(String current, String slot, String partuuid, UpdateBundle.Manifest m) {
        StringBuilder out = new StringBuilder();
        for (String line : current.split("\n")) {
            if (line.startsWith("title ")) {
                out.append("title ROSE ").append(m.get("version")).append(" (slot ").append(slot.toUpperCase(Locale.ROOT)).append(")\n");
            } else if (line.startsWith("version ")) {
                out.append("version ").append(m.get("built")).append('\n');
            } else if (line.startsWith("linux ")) {
                out.append("linux /rose-").append(slot).append("/vmlinuz\n");
            } else if (line.startsWith("initrd ")) {
                out.append("initrd /rose-").append(slot).append("/initrd.img\n");
            } else if (line.startsWith("options ")) {
                List<String> words = new ArrayList<>();
                for (String w : line.substring(8).trim().split("\\s+")) {
                    if (w.startsWith("root=")) words.add("root=PARTUUID=" + partuuid);
                    else if (w.startsWith("rose.slot=")) words.add("rose.slot=" + slot);
                    else words.add(w);
                }
                out.append("options ").append(String.join(" ", words)).append('\n');
            } else if (!line.isBlank()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The booted slot's entry, blessed ({@code rose-a.conf}) or still counting ({@code rose-a+2-1.conf}). */
    Optional<Path> entryOf(String slot) throws IOException {
        List<Path> e = entries(slot);
        return e.isEmpty() ? Optional.empty() : Optional.of(e.get(0));
    }

    private List<Path> entries(String slot) throws IOException {
        List<Path> out = new ArrayList<>();
        Path dir = esp.resolve("loader/entries");
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.matches("rose-" + slot + "(\\+\\d+(-\\d+)?)?\\.conf")) out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    /** The PARTUUID whose by-partuuid link leads where the slot's by-partlabel link does. */
    private String partuuidOf(Path partition) throws IOException, UpdateBundle.Refused {
        Path device = partition.toRealPath();
        if (Files.isDirectory(byPartuuid)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(byPartuuid)) {
                for (Path p : ds) if (p.toRealPath().equals(device)) return p.getFileName().toString();
            }
        }
        throw new UpdateBundle.Refused("failure: no PARTUUID for " + partition);
    }

    private static void write(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }

    private static void sync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // vfat and some file systems do not sync a directory handle; the files were synced
        }
    }
}
