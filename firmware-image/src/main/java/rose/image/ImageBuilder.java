package rose.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds a flashable disk image.
 *
 * <ol>
 *   <li>the Debian root: {@code mmdebstrap} to a cached tarball ({@link DebianRoot});</li>
 *   <li>unpack it into a work directory (ownership kept: the build runs as root, or in
 *       mmdebstrap's own user namespace);</li>
 *   <li>the Java runtime: jlink-trimmed ({@link JavaRuntime}) or Debian's;</li>
 *   <li>ROSE: its jars, {@code /usr/bin/rose}, {@code rose.service} (the serial login, the
 *       services, the NICs), the modules a router needs loaded at boot; kernel modules no router
 *       uses (sound, GPUs, Wi-Fi, media) are dropped;</li>
 *   <li>the data partition's content: empty (the first console login sets admin's password),
 *       or a configuration made by ROSE itself with the given password and/or SSH key;</li>
 *   <li>file systems without mounting anything: {@code mkfs.ext4 -d} for the root slots and
 *       data, {@code mkfs.vfat} and {@code mcopy} for the EFI system partition;</li>
 *   <li>the disk: a GPT ({@link GptDisk}) and the partitions copied in at their offsets;</li>
 *   <li>a zstd-compressed copy beside it.</li>
 * </ol>
 *
 * <p>Layout: {@code ESP} (systemd-boot, kernel and initramfs of each slot), {@code rose-a},
 * {@code rose-b} (A/B root slots; B starts empty for the first upgrade), {@code rose-data}
 * (configuration; survives upgrades). systemd-boot's boot counting (an entry named
 * {@code rose-b+3.conf}) falls back to the other slot after three failed boots; a boot counts
 * as good once {@code rose.service} started ({@code systemd-bless-boot}).
 */
final class ImageBuilder {
    static final long MIB = 1024 * 1024;
    static final long ESP_BYTES = 128 * MIB;
    /** Room for the configuration and the router's files: backups, and an update (about 170 MiB) put there to install. */
    static final long DATA_BYTES = 512 * MIB;
    static final int STEPS = 10;

    /** Kernel module trees a router never loads: they would double the root. */
    static final List<String> UNUSED_MODULES = List.of("kernel/sound", "kernel/drivers/gpu", "kernel/drivers/media",
            "kernel/drivers/net/wireless", "kernel/net/wireless", "kernel/net/mac80211", "kernel/net/bluetooth",
            "kernel/drivers/bluetooth", "kernel/drivers/infiniband", "kernel/drivers/staging", "kernel/drivers/iio",
            "kernel/drivers/isdn", "kernel/drivers/input/joystick", "kernel/drivers/input/touchscreen",
            "kernel/drivers/video", "kernel/drivers/hwmon", "kernel/drivers/platform/chrome", "kernel/fs/btrfs",
            "kernel/fs/xfs", "kernel/fs/ocfs2", "kernel/fs/nfs", "kernel/fs/nfsd", "kernel/fs/ceph", "kernel/fs/gfs2",
            "kernel/fs/smb", "kernel/fs/f2fs", "kernel/fs/jfs", "kernel/fs/reiserfs", "kernel/fs/ubifs", "kernel/fs/nilfs2",
            "kernel/drivers/md", "kernel/drivers/target", "kernel/drivers/scsi/lpfc", "kernel/drivers/scsi/qla2xxx",
            "kernel/drivers/scsi/mpt3sas", "kernel/drivers/scsi/be2iscsi", "kernel/drivers/scsi/bfa",
            "kernel/drivers/net/ethernet/mellanox/mlx5/core/en_accel_x", "kernel/drivers/thunderbolt",
            "kernel/drivers/net/can", "kernel/drivers/hid/intel-ish-hid", "kernel/drivers/usb/gadget",
            "kernel/drivers/comedi", "kernel/drivers/mfd");

    /** What was built. */
    record Result(Path image, Path compressed, long imageBytes, long compressedBytes, UUID rootA, String kernel, Path update,
                  long updateBytes, boolean newSigningKey) {
    }

    /** The update bundle beside {@code image}: {@code rose-amd64.img} gives {@code rose-amd64.update}. */
    static Path updateFile(Path image, Arch arch) {
        String n = image.getFileName().toString();
        String base = n.endsWith(".img") ? n.substring(0, n.length() - 4) : n;
        return image.resolveSibling(base + rose.appliance.upgrade.UpdateBundle.EXTENSION);
    }

    private final ImageSpec spec;
    private final Progress progress;
    private final Tool tool;
    private final Path log;
    /** This build's time: the slot entry's version (newest boots first), /etc/rose-release, the update's manifest. */
    private final String built = stamp();

    ImageBuilder(ImageSpec spec, Progress progress, Path log) {
        this.spec = spec;
        this.progress = progress;
        this.log = log;
        this.tool = new Tool(log);
    }

    Result build() throws IOException {
        Files.createDirectories(spec.cache());
        Path work = Files.createTempDirectory(spec.cache(), "build-");
        try {
            return build(work);
        } finally {
            progress.step("cleaning up");
            tool.run("rm", "-rf", "--one-file-system", work.toString());
        }
    }

    private Result build(Path work) throws IOException {
        // first: a key that cannot be read or made costs nothing yet
        UpdateSigningKey signing = UpdateSigningKey.load(spec.signingKey(), spec.newSigningKey());
        boolean jlink = JavaRuntime.canLink(spec.arch());
        progress.step("debian root (mmdebstrap, cached)");
        Path tar = DebianRoot.tarball(spec.arch(), !jlink, spec.cache(), tool);

        progress.step("unpacking the root");
        Path root = work.resolve("root");
        Files.createDirectories(root);
        tool.run("tar", "--numeric-owner", "-xpf", tar.toString(), "-C", root.toString());
        String krel = kernelRelease(root);

        progress.step(jlink ? "java runtime (jlink, cached)" : "java runtime (Debian's)");
        Path lib = root.resolve("usr/lib/rose");
        Files.createDirectories(lib.resolve("lib"));
        if (jlink) {
            tool.run("cp", "-a", JavaRuntime.linked(spec.cache(), tool).toString(), lib.resolve("jre").toString());
        } else {
            Files.createSymbolicLink(lib.resolve("jre"), Path.of("/usr/lib/jvm/java-17-openjdk-" + spec.arch().debian));
        }

        progress.step("rose, its service and the router's kernel modules");
        installRose(root, lib, jlink ? Runtime.version() : null);
        // the router installs only updates this key signed (rose.appliance.upgrade.UpdateSignature)
        write(root.resolve(rose.appliance.upgrade.UpdateSignature.IMAGE_KEY.toString().substring(1)), signing.publicPem());
        pruneModules(root, krel);

        progress.step("data partition");
        Path data = work.resolve("data");
        Files.createDirectories(data);
        seedData(data.resolve("data"));

        progress.step("file systems (ext4, vfat)");
        UUID rootA = UUID.randomUUID();
        UUID rootB = UUID.randomUUID();
        long rootBytes = GptDisk.roundUp(treeBytes(root) * 5 / 4 + 96 * MIB, 16 * MIB);
        Path esp = work.resolve("esp.img");
        Path a = work.resolve("root-a.img");
        Path b = work.resolve("root-b.img");
        Path d = work.resolve("data.img");
        makeEsp(root, krel, rootA, work.resolve("esp"), esp);
        tool.run("mkfs.ext4", "-q", "-F", "-L", "rose-a", "-d", root.toString(), a.toString(), rootBytes / 1024 + "k");
        tool.run("mkfs.ext4", "-q", "-F", "-L", "rose-b", b.toString(), rootBytes / 1024 + "k");
        tool.run("mkfs.ext4", "-q", "-F", "-L", "rose-data", "-d", data.toString(), d.toString(), DATA_BYTES / 1024 + "k");

        progress.step("disk image (GPT)");
        GptDisk disk = new GptDisk(UUID.randomUUID());
        List<Path> parts = List.of(esp, a, b, d);
        List<GptDisk.Placed> placed = new ArrayList<>();
        placed.add(disk.add(new GptDisk.Partition(GptDisk.ESP, UUID.randomUUID(), "ESP", ESP_BYTES)));
        placed.add(disk.add(new GptDisk.Partition(spec.arch().rootType, rootA, "rose-a", rootBytes)));
        placed.add(disk.add(new GptDisk.Partition(spec.arch().rootType, rootB, "rose-b", rootBytes)));
        placed.add(disk.add(new GptDisk.Partition(GptDisk.LINUX_DATA, UUID.randomUUID(), "rose-data", DATA_BYTES)));
        Path out = spec.out().toAbsolutePath();
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // a sparse file: the empty slot and free space cost nothing on disk
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), disk.diskBytes() - 1);
            for (int i = 0; i < parts.size(); i++) {
                try (FileChannel in = FileChannel.open(parts.get(i))) {
                    long at = placed.get(i).offset();
                    long size = in.size();
                    if (size > placed.get(i).partition().bytes()) throw new IOException(parts.get(i) + " is larger than its partition");
                    for (long done = 0; done < size; ) done += ch.transferFrom(in.position(done), at + done, size - done);
                }
            }
            disk.writeTables(ch);
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        progress.step("compressing (zstd)");
        Path zst = out.resolveSibling(out.getFileName() + ".zst");
        tool.run("zstd", "-q", "-f", "-T0", "--sparse", out.toString(), "-o", zst.toString());

        progress.step("update bundle (the root, kernel and initramfs for the other slot)");
        Path update = updateFile(out, spec.arch());
        Path rootZst = work.resolve("root.img.zst");
        tool.run("zstd", "-q", "-f", "-T0", a.toString(), "-o", rootZst.toString());
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("arch", spec.arch().debian);
        values.put("version", rose.appliance.BuildInfo.current().routerOsVersion());
        values.put("built", built);
        values.put("kernel", krel);
        rose.appliance.upgrade.UpdateBundle.write(update, values, java.util.Map.of(
                "vmlinuz", root.resolve("boot/vmlinuz-" + krel), "initrd.img", root.resolve("boot/initrd.img-" + krel),
                "root.img.zst", rootZst), signing.privateKey());
        return new Result(out, zst, Files.size(out), Files.size(zst), rootA, krel, update, Files.size(update), signing.made);
    }

    /** The kernel release of the one kernel in the root ({@code /boot/vmlinuz-6.1.0-...}). */
    private static String kernelRelease(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("boot"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vmlinuz-")).sorted()
                    .reduce((x, y) -> y).map(n -> n.substring("vmlinuz-".length()))
                    .orElseThrow(() -> new IOException("the Debian root has no kernel in /boot"));
        }
    }

    /** {@code runtime}: the version of the JRE put in {@code lib}, or null for Debian's. */
    private void installRose(Path root, Path lib, Runtime.Version runtime) throws IOException {
        // ROSE's class path: jars as they are, class directories (a reactor build) packed as jars
        int n = 0;
        for (Path entry : spec.roseClassPath()) {
            String prefix = String.format("%02d-", n++);
            if (Files.isDirectory(entry)) {
                // .../appliance/target/classes -> 07-appliance.jar
                Path module = entry.getParent() != null ? entry.getParent().getParent() : null;
                jarDirectory(entry, lib.resolve("lib").resolve(prefix + (module != null ? module.getFileName() : "classes") + ".jar"));
            } else if (entry.getFileName().toString().endsWith(".jar")) {
                copyUnsigned(entry, lib.resolve("lib").resolve(prefix + entry.getFileName()));
            }
        }
        String serial = spec.arch().serial;
        writeExecutable(root.resolve("usr/bin/rose"), resource("rose.sh"));
        write(root.resolve("etc/systemd/system/rose.service"), resource("rose.service").replace("@SERIAL@", serial));
        String args = spec.board() != null ? "--board " + spec.board() : "";
        write(root.resolve("etc/default/rose"), JvmOptions.forRuntime(resource("default-rose"), runtime) + "# the board this image was built for (none: detected at boot)\n"
                + "ROSE_ARGS=\"" + args + "\"\n");
        link(root.resolve("etc/systemd/system/multi-user.target.wants/rose.service"), "/etc/systemd/system/rose.service");
        write(root.resolve("etc/systemd/system/rose-ready.service"), resource("rose-ready.service"));
        link(root.resolve("etc/systemd/system/boot-complete.target.requires/rose-ready.service"), "/etc/systemd/system/rose-ready.service");
        link(root.resolve("etc/systemd/system/multi-user.target.wants/rose-ready.service"), "/etc/systemd/system/rose-ready.service");
        // the serial port is ROSE's login, not a Linux getty's
        link(root.resolve("etc/systemd/system/serial-getty@" + serial + ".service"), "/dev/null");
        write(root.resolve("etc/modules-load.d/rose.conf"), resource("modules-load.conf"));
        write(root.resolve("etc/fstab"), resource("fstab"));
        write(root.resolve("etc/sysctl.d/90-rose.conf"), resource("sysctl.conf"));
        write(root.resolve("etc/systemd/journald.conf.d/rose.conf"), resource("journald.conf"));
        deleteTree(root.resolve("var/log/journal"));
        // the console is ROSE's on the serial port; no Linux logins on the screen (root is locked)
        link(root.resolve("etc/systemd/system/getty@tty1.service"), "/dev/null");
        // without dbus/logind, getty-static would start gettys on tty2-6
        link(root.resolve("etc/systemd/system/getty-static.service"), "/dev/null");
        write(root.resolve("etc/hostname"), "rose\n");
        write(root.resolve("etc/hosts"), "127.0.0.1 localhost\n127.0.1.1 rose\n::1 localhost ip6-localhost ip6-loopback\n");
        Files.createDirectories(root.resolve("var/lib/rose"));
        Files.createDirectories(root.resolve("boot/efi"));
        // the machine id is made on first boot, so two boards flashed from one image differ
        write(root.resolve("etc/machine-id"), "");
        write(root.resolve("etc/rose-release"), "built=" + built + "\narch=" + spec.arch().debian + "\nboard="
                + (spec.board() == null ? "detected" : spec.board()) + "\n");
    }

    private void pruneModules(Path root, String krel) throws IOException {
        Path mods = root.resolve("usr/lib/modules").resolve(krel);
        if (!Files.isDirectory(mods)) mods = root.resolve("lib/modules").resolve(krel);
        for (String sub : UNUSED_MODULES) deleteTree(mods.resolve(sub));
        tool.run("depmod", "-b", root.toString(), krel);
    }

    /**
     * The data partition: {@code data/} is ROSE's data directory. With a password or key to
     * bake in, ROSE itself writes the configuration (a console run in script mode), so the
     * stored form is exactly what the router reads; SSH host keys are not made here but by
     * the router on its first boot, so no two boards share one.
     */
    private void seedData(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        if (spec.passwordFile() == null && spec.sshKeyFile() == null) return;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                spec.roseClassPath().stream().map(Path::toString).reduce((x, y) -> x + java.io.File.pathSeparator + y).orElse(""),
                "rose.appliance.Main", "console", "--data", dataDir.toString(), "--board",
                spec.board() != null ? spec.board() : (spec.arch() == Arch.AMD64 ? "chr" : "rb5009")));
        if (spec.passwordFile() != null) cmd.addAll(List.of("--admin-password-file", spec.passwordFile().toString()));
        Path script = dataDir.getParent().resolve("seed.rsc");
        String body = "";
        if (spec.sshKeyFile() != null) {
            String key = ImageCommand.sshKeyLine(spec.sshKeyFile());
            body = "/user ssh-keys add user=admin key=\"" + key + "\"\n";
        }
        write(script, body);
        Path out = dataDir.getParent().resolve("seed.out");
        Process p = new ProcessBuilder(cmd).redirectInput(script.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            int status = p.waitFor();
            String text = Files.readString(out);
            Files.writeString(log, "$ " + String.join(" ", cmd) + "\n" + text, StandardOpenOption.APPEND);
            if (status != 0 || text.contains("failure") || text.contains("invalid") || text.contains("bad command")) {
                throw new IOException("rose could not write the configuration to bake in:\n" + text.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(out);
        }
    }

    /**
     * The EFI system partition: systemd-boot as the removable-media loader (no NVRAM entry
     * needed: the board boots it from a fresh disk), and slot A's kernel, initramfs and entry.
     */
    private void makeEsp(Path root, String krel, UUID rootA, Path tree, Path image) throws IOException {
        Arch arch = spec.arch();
        Path loader = root.resolve("usr/lib/systemd/boot/efi").resolve(arch.systemdBootFile);
        if (!Files.isRegularFile(loader)) throw new IOException("systemd-boot's " + arch.systemdBootFile + " is not in the root");
        Files.createDirectories(tree.resolve("EFI/BOOT"));
        Files.createDirectories(tree.resolve("EFI/systemd"));
        Files.createDirectories(tree.resolve("loader/entries"));
        Files.createDirectories(tree.resolve("rose-a"));
        Files.copy(loader, tree.resolve("EFI/BOOT").resolve(arch.efiFallbackName));
        Files.copy(loader, tree.resolve("EFI/systemd").resolve(arch.systemdBootFile));
        Files.copy(root.resolve("boot/vmlinuz-" + krel), tree.resolve("rose-a/vmlinuz"));
        Files.copy(root.resolve("boot/initrd.img-" + krel), tree.resolve("rose-a/initrd.img"));
        write(tree.resolve("loader/loader.conf"), resource("loader.conf"));
        write(tree.resolve("loader/entries/rose-a.conf"), entry("a", rootA));
        tool.run("mkfs.vfat", "-F", "32", "-n", "ESP", "-C", image.toString(), String.valueOf(ESP_BYTES / 1024));
        List<String> mcopy = new ArrayList<>(List.of("mcopy", "-s", "-i", image.toString()));
        try (Stream<Path> s = Files.list(tree)) {
            s.sorted().forEach(p -> mcopy.add(p.toString()));
        }
        mcopy.add("::/");
        tool.run(mcopy.toArray(new String[0]));
    }

    /**
     * A systemd-boot entry for a slot; {@code version} orders slots, newest first.
     * {@code no_timer_check}: a virtual board (qemu TCG on a busy host) can be too slow for the
     * kernel's IO-APIC timer check, which then panics at boot ("IO-APIC + timer doesn't work!",
     * seen here with two guests at load 17); cloud images pass it for that reason, and on real
     * hardware it only skips a sanity check of a timer that works.
     */
    String entry(String slot, UUID root) {
        String consoles = spec.arch() == Arch.AMD64 ? "console=tty0 console=ttyS0,115200" : "console=tty0 console=ttyAMA0,115200";
        return "title ROSE (slot " + slot.toUpperCase(java.util.Locale.ROOT) + ")\n"
                + "version " + built + "\n"
                + "sort-key rose\n"
                + "linux /rose-" + slot + "/vmlinuz\n"
                + "initrd /rose-" + slot + "/initrd.img\n"
                + "options root=PARTUUID=" + root + " rw rootwait " + consoles + " quiet loglevel=3 no_timer_check panic=10 rose.slot=" + slot + "\n";
    }

    private static String stamp() {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    private static long treeBytes(Path root) throws IOException {
        String du = Tool.output("du", "-sb", root.toString());
        return Long.parseLong(du.trim().split("\\s+")[0]);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ImageBuilder.class.getResourceAsStream("/rose/image/" + name)) {
            if (in == null) throw new IOException("resource rose/image/" + name + " missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void writeExecutable(Path file, String text) throws IOException {
        write(file, text);
        file.toFile().setExecutable(true, false);
    }

    private static void link(Path link, String target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(target));
    }

    /**
     * Copies a jar without its signature. A signed jar (Bouncy Castle's) makes the JVM digest
     * every entry it loads and parse a manifest of one digest per class: minutes of start-up on
     * a slow board CPU (seen under qemu TCG: ROSE never reached its login). OpenJDK does not
     * require JCE providers to be signed, so the signature buys nothing on the image.
     */
    static void copyUnsigned(Path src, Path dst) throws IOException {
        boolean signed;
        try (java.util.jar.JarFile jf = new java.util.jar.JarFile(src.toFile(), false)) {
            signed = jf.stream().anyMatch(e -> isSignature(e.getName()));
        }
        if (!signed) {
            Files.copy(src, dst);
            return;
        }
        try (java.util.jar.JarFile jf = new java.util.jar.JarFile(src.toFile(), false);
             OutputStream os = Files.newOutputStream(dst); JarOutputStream out = new JarOutputStream(os)) {
            java.util.jar.Manifest mf = new java.util.jar.Manifest();
            if (jf.getManifest() != null) mf.getMainAttributes().putAll(jf.getManifest().getMainAttributes());
            out.putNextEntry(new JarEntry(java.util.jar.JarFile.MANIFEST_NAME));
            mf.write(out);
            out.closeEntry();
            for (JarEntry e : (Iterable<JarEntry>) jf.stream()::iterator) {
                if (e.getName().equalsIgnoreCase(java.util.jar.JarFile.MANIFEST_NAME) || isSignature(e.getName())) continue;
                out.putNextEntry(new JarEntry(e.getName()));
                try (InputStream in = jf.getInputStream(e)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    static boolean isSignature(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.startsWith("META-INF/") && n.indexOf('/', 9) < 0
                && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC") || n.startsWith("META-INF/SIG-"));
    }

    static void jarDirectory(Path dir, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (p.equals(dir)) continue;
                String name = dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                out.putNextEntry(new JarEntry(name));
                if (!Files.isDirectory(p)) Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(q);
        }
    }
}
