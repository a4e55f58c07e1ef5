package rose.image;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rose.board.BoardProfile;
import rose.board.BoardProfiles;

/**
 * {@code rose image build --arch amd64|arm64 [--board ID] [--out FILE] [--password-file F | --ssh-key F]}.
 *
 * <p>Everything is checked before the first tool runs, so a typo costs nothing and a bad
 * request builds nothing: the architecture, the board (it must exist and be of that
 * architecture), the credential files (readable; the password non-empty; the key one OpenSSH
 * public key line), and the host tools the build needs.
 */
public final class ImageCommand {
    static final String USAGE = "Usage: rose image build --arch amd64|arm64 [--board ID] [--out FILE]\n"
            + "                        [--password-file FILE] [--ssh-key FILE] [--signing-key FILE] [--cache DIR]\n"
            + "  --arch amd64|arm64   the board's CPU (default: this machine's)\n"
            + "  --board ID           board profile the image boots as (default: detected on the board)\n"
            + "  --out FILE           the raw disk image (default rose-ARCH.img); FILE.zst is written beside it\n"
            + "  --password-file FILE admin's password, baked in (default: none; the first console login sets it)\n"
            + "  --ssh-key FILE       an OpenSSH public key (id_ed25519.pub) for admin, baked in\n"
            + "  --signing-key FILE   Ed25519 private key (PEM; openssl genpkey -algorithm ed25519) that signs the\n"
            + "                       update; its public key goes into the image, which installs only updates\n"
            + "                       it signed (default: $XDG_CONFIG_HOME/rose-image/update-signing.key, else\n"
            + "                       ~/.config/rose-image/update-signing.key, made on the first build)\n"
            + "  --cache DIR          where the Debian root and the trimmed JRE are kept between builds\n"
            + "                       (default $XDG_CACHE_HOME/rose-image, else ~/.cache/rose-image)\n"
            + "Needs mmdebstrap, mkfs.ext4, mkfs.vfat, mcopy, zstd, depmod and root (Debian: apt-get install\n"
            + "mmdebstrap e2fsprogs dosfstools mtools zstd kmod).\n";

    static final List<String> TOOLS = List.of("mmdebstrap", "mkfs.ext4", "mkfs.vfat", "mcopy", "zstd", "depmod", "tar", "du");

    private ImageCommand() {
    }

    /** Entry point from {@code rose.appliance.Main}: {@code args} follow the word {@code image}. */
    public static int run(List<String> args, PrintStream out, PrintStream err, boolean terminal) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        if (!args.get(0).equals("build")) {
            err.println("rose image: unknown command: " + args.get(0));
            err.print(USAGE);
            return 2;
        }
        ImageSpec spec;
        try {
            spec = parse(args.subList(1, args.size()), System.getenv(), classPath());
        } catch (IllegalArgumentException e) {
            err.println("rose image build: " + e.getMessage());
            return 2;
        }
        List<String> missing = new ArrayList<>();
        for (String t : TOOLS) if (!Tool.present(t)) missing.add(t);
        if (!missing.isEmpty()) {
            err.println("rose image build: missing " + String.join(", ", missing)
                    + " (Debian: apt-get install mmdebstrap e2fsprogs dosfstools mtools zstd kmod)");
            return 1;
        }
        if (spec.arch() != Arch.host() && !Tool.present("arch-test")) {
            err.println("rose image build: building " + spec.arch().debian + " here needs arch-test, which mmdebstrap uses to check"
                    + " the emulation (Debian: apt-get install arch-test qemu-user-static binfmt-support)");
            return 1;
        }
        if (spec.arch() != Arch.host() && !Files.exists(Path.of("/proc/sys/fs/binfmt_misc/qemu-" + (spec.arch() == Arch.ARM64 ? "aarch64" : "x86_64")))) {
            // mmdebstrap runs the other architecture's maintainer scripts through qemu-user
            err.println("rose image build: building " + spec.arch().debian + " on this " + Arch.host().debian
                    + " machine needs qemu-user emulation for mmdebstrap (Debian: apt-get install qemu-user-static binfmt-support arch-test)");
            return 1;
        }
        Path log = spec.out().toAbsolutePath().resolveSibling(spec.out().getFileName() + ".log");
        Progress progress = new Progress(err, terminal, ImageBuilder.STEPS);
        try {
            Files.deleteIfExists(log);
            Files.createDirectories(log.getParent());
            Files.createFile(log);
            ImageBuilder.Result r = new ImageBuilder(spec, progress, log).build();
            progress.finish("done");
            out.printf("rose image: %s (%d MiB raw, sparse), %s (%d MiB), kernel %s, log %s%n", r.image(), r.imageBytes() >> 20,
                    r.compressed(), r.compressedBytes() >> 20, r.kernel(), log);
            out.println("write it to a disk:  zstd -dc " + r.compressed() + " | sudo dd of=/dev/sdX bs=4M conv=fsync status=progress");
            out.printf("or upgrade a running router: put %s (%d MiB) in its files, then /system reboot%n", r.update(), r.updateBytes() >> 20);
            out.printf("updates signed with %s%s: the image installs no update signed otherwise%n", spec.signingKey(),
                    r.newSigningKey() ? " (made now; keep it, every update for these boards needs it)" : "");
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println();
            err.println("rose image build: " + e.getMessage());
            return 1;
        }
    }

    /** Parses and checks the options of {@code build}; IllegalArgumentException says what is wrong. */
    static ImageSpec parse(List<String> args, java.util.Map<String, String> env, List<Path> classPath) {
        Arch arch = Arch.host();
        String board = null;
        Path out = null;
        Path password = null;
        Path key = null;
        Path cache = null;
        Path signingKey = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + a);
                if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
                value = args.get(++i);
            }
            if (value.isEmpty()) throw new IllegalArgumentException(name + " needs a value");
            switch (name) {
                case "--arch": arch = Arch.parse(value); break;
                case "--board": board = value; break;
                case "--out": out = Path.of(value); break;
                case "--password-file": password = Path.of(value); break;
                case "--ssh-key": key = Path.of(value); break;
                case "--cache": cache = Path.of(value); break;
                case "--signing-key": signingKey = Path.of(value); break;
                default: throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (board != null) checkBoard(board, arch);
        if (password != null) checkPassword(password);
        if (key != null) sshKeyLine(key);
        if (out == null) out = Path.of("rose-" + arch.debian + ".img");
        if (Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + " is a directory");
        if (cache == null) {
            String xdg = env.get("XDG_CACHE_HOME");
            cache = (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("rose-image");
        }
        if (classPath.isEmpty()) throw new IllegalArgumentException("ROSE's class path is unknown (run it through ./rose)");
        boolean newSigningKey = signingKey == null;
        if (signingKey == null) {
            signingKey = UpdateSigningKey.defaultFile(env);
        } else {
            checkSigningKey(signingKey);
        }
        return new ImageSpec(arch, board, out, password, key, cache, classPath, signingKey, newSigningKey);
    }

    private static void checkBoard(String id, Arch arch) {
        BoardProfiles profiles = BoardProfiles.load();
        Optional<BoardProfile> p = profiles.byId(id);
        if (p.isEmpty()) throw new IllegalArgumentException("no such board: " + id + " (known: " + String.join(", ", profiles.ids()) + ")");
        Optional<String> boardArch = p.get().architecture();
        if (boardArch.isPresent() && !boardArch.get().equals(arch.routerOs)) {
            throw new IllegalArgumentException("board " + id + " is " + boardArch.get() + ", not " + arch.debian
                    + (boardArch.get().equals("arm64") || boardArch.get().equals("x86_64") ? " (use --arch "
                    + (boardArch.get().equals("arm64") ? "arm64" : "amd64") + ")" : " (ROSE images are for amd64 and arm64 boards)"));
        }
    }

    private static void checkSigningKey(Path file) {
        try {
            UpdateSigningKey.load(file, false);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read the signing key " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("the signing key " + file + " is not an Ed25519 private key in PEM"
                    + " (make one: openssl genpkey -algorithm ed25519 -out " + file + ")");
        }
    }

    private static void checkPassword(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the password file " + file);
        }
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) throw new IllegalArgumentException("the password file " + file + " is empty");
    }

    /** The one OpenSSH public key line in {@code file}; anything else is refused. */
    static String sshKeyLine(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the SSH key file " + file);
        }
        if (lines.size() != 1) throw new IllegalArgumentException("the SSH key file " + file + " must hold one public key line, not " + lines.size());
        String line = lines.get(0);
        if (!line.matches("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( [^\"\\\\]*)?")) {
            throw new IllegalArgumentException("the SSH key file " + file + " holds no OpenSSH public key (a private key? use the .pub file)");
        }
        return line;
    }

    /**
     * ROSE's class path to install: {@code rose.classpath} when ./rose or a test sets it, else
     * this JVM's own class path.
     */
    static List<Path> classPath() {
        String cp = System.getProperty("rose.classpath", System.getProperty("java.class.path", ""));
        List<Path> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) if (!e.isEmpty()) out.add(Path.of(e));
        return out;
    }
}
