/**
 * Every native call ROSE makes, through JNR-FFI, with typed errors that name the call and
 * the errno: TUN/TAP devices and AF_PACKET sockets as non-blocking
 * {@link rose.os.FrameChannel}s, a {@link rose.os.Capabilities} probe, XFRM netlink, AF_ALG,
 * and a port's {@link rose.os.IngressDrop} (bpf(2) with a tcx link, or on kernels before 6.6 a
 * tc clsact bpf filter over rtnetlink: {@code ClsactIngress}, {@code TcCodec}, {@code TcReply}).
 * Later: the rest of rtnetlink, sysctl.
 */
package rose.os;
