package rose.os;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this kernel and process can do, probed without side effects that outlive the
 * probe. Tests and the appliance ask here and skip or fall back with the reason.
 */
public record Capabilities(boolean linux, boolean tun, boolean afPacket, String reason) {

    public static Capabilities probe() {
        if (!Native.isLinux()) return new Capabilities(false, false, false, "not Linux");
        StringBuilder why = new StringBuilder();
        boolean tun = false, pkt = false;
        try {
            LibC c = Native.libc();
            if (!Files.exists(Path.of("/dev/net/tun"))) {
                why.append("no /dev/net/tun; ");
            } else {
                int fd = c.open("/dev/net/tun", Tun.O_RDWR);
                if (fd < 0) why.append("open /dev/net/tun: ").append(Errno.name(Native.errno())).append("; ");
                else { tun = true; c.close(fd); }
            }
            int s = c.socket(PacketSocket.AF_PACKET, PacketSocket.SOCK_RAW, 0);
            if (s < 0) why.append("socket AF_PACKET: ").append(Errno.name(Native.errno())).append(" (needs CAP_NET_RAW); ");
            else { pkt = true; c.close(s); }
        } catch (LinkageError | RuntimeException e) {
            why.append("libc not loadable through JNR-FFI: ").append(e);
        }
        return new Capabilities(true, tun, pkt, why.toString());
    }
}
