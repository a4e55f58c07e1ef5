package rose.ipsec.backend;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What SA a policy asks for (XFRM's {@code xfrm_user_tmpl}; RouterOS {@code sa-src-address},
 * {@code sa-dst-address}, {@code protocol}, {@code tunnel}, {@code level}). Tunnel mode needs the
 * outer endpoints; transport mode takes them from the packet.
 */
public record Template(IpsecProtocol protocol, SaMode mode, Optional<InetAddress> saSrc, Optional<InetAddress> saDst,
                       int reqId, PolicyLevel level) {
    public Template {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(saSrc, "saSrc");
        Objects.requireNonNull(saDst, "saDst");
        Objects.requireNonNull(level, "level");
        if (mode == SaMode.TUNNEL && (saSrc.isEmpty() || saDst.isEmpty()))
            throw new IllegalArgumentException("a tunnel-mode template needs sa-src-address and sa-dst-address");
    }

    public static Template tunnel(InetAddress saSrc, InetAddress saDst, int reqId, PolicyLevel level) {
        return new Template(IpsecProtocol.ESP, SaMode.TUNNEL, Optional.of(saSrc), Optional.of(saDst), reqId, level);
    }

    public static Template transport(int reqId, PolicyLevel level) {
        return new Template(IpsecProtocol.ESP, SaMode.TRANSPORT, Optional.empty(), Optional.empty(), reqId, level);
    }
}
