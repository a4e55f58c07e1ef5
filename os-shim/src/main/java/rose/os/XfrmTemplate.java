package rose.os;

import java.net.InetAddress;
import java.util.Optional;

/**
 * {@code struct xfrm_user_tmpl}: the SA a policy asks for. Tunnel templates carry the outer
 * endpoints; transport templates leave them empty (any address of {@code family}).
 */
public record XfrmTemplate(int family, int proto, int mode, Optional<InetAddress> src, Optional<InetAddress> dst, int spi, int reqid, boolean optional) {
}
