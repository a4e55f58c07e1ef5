package rose.appliance;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code rose} program. {@code rose <command> [options]}; {@link #run} does the work so
 * tests can call it in-process with their own streams.
 */
public final class Main {
    static final String USAGE = "Usage: rose <command> [options]\n"
            + "\n"
            + "Commands:\n"
            + "  console [--data DIR] [--board ID]   RouterOS console on this router (a script when stdin is not a terminal)\n"
            + "  run [--data DIR] [--board ID] [--listen ADDR] [--service-port NAME=PORT] [--port NAME=IFACE]...\n"
            + "                                      the router as a long-running process with its services\n"
            + "  lab [TOPOLOGY] [--backend memory|netns] [--script FILE]\n"
            + "                                      several routers and hosts in this process (default: Seattle-Boise),\n"
            + "                                      or (netns, root) each in a network namespace of its own\n"
            + "  bench [--board ID] [--algorithms A,B] [--sizes 64,512,1400] [--tunnels 1,256] [--duration MS]\n"
            + "        [--compare] [--cores N,M] [--format table|csv|json] [--chart FILE.svg]\n"
            + "                                      IPsec throughput table as on MikroTik's product pages; --compare:\n"
            + "                                      the same through strongSwan, no IPsec and the kernel, with ratios\n"
            + "  image build --arch amd64|arm64 [--board ID] [--out FILE] [--password-file F | --ssh-key F]\n"
            + "                                      a flashable disk image of this router (module firmware-image)\n"
            + "  --help                              show this list\n";

    private Main() {
    }

    public static void main(String[] args) {
        Io io = Io.system();
        int status = run(args, io);
        io.out().flush();
        io.err().flush();
        System.exit(status);
    }

    /**
     * {@code rose image}: the image builder lives in firmware-image, which depends on this module,
     * so it is found at run time (./rose puts it on the class path for this command).
     */
    private static int image(List<String> rest, Io io) {
        try {
            Class<?> c = Class.forName("rose.image.ImageCommand");
            java.lang.reflect.Method m = c.getMethod("run", List.class, java.io.PrintStream.class, java.io.PrintStream.class, boolean.class);
            return (Integer) m.invoke(null, rest, io.out(), io.err(), io.terminal());
        } catch (ClassNotFoundException e) {
            io.err().println("rose image: the firmware-image module is not on the class path (run ./rose image ...)");
            return 1;
        } catch (ReflectiveOperationException e) {
            Throwable t = e.getCause() != null ? e.getCause() : e;
            io.err().println("rose image: " + t);
            return 1;
        }
    }

    /** Runs one invocation; returns the process exit status. */
    public static int run(String[] args, Io io) {
        if (args.length == 0) {
            io.err().print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "--help":
            case "-h":
            case "help":
                io.out().print(USAGE);
                io.out().flush();
                return 0;
            case "console":
                return ConsoleCommand.run(rest, io);
            case "run":
                return RunCommand.run(rest, io);
            case "lab":
                return LabCommand.run(rest, io);
            case "bench":
                return rose.appliance.bench.BenchCommand.run(rest, io);
            case "image":
                return image(rest, io);
            default:
                io.err().println("rose: unknown command: " + args[0]);
                io.err().print(USAGE);
                return 2;
        }
    }
}
