package rose.ipsec.backend;

/** Receives backend events; must not block (it runs on the backend's netlink/worker thread). */
@FunctionalInterface
public interface IpsecEventListener {
    void onEvent(IpsecEvent event);
}
