/**
 * Every native call ROSE makes, through JNR-FFI, with typed errors that name the call and
 * the errno. Today: TUN/TAP devices and AF_PACKET sockets as non-blocking
 * {@link rose.os.FrameChannel}s, and a {@link rose.os.Capabilities} probe. Later:
 * rtnetlink, XFRM netlink, AF_ALG, sysctl.
 */
package rose.os;
