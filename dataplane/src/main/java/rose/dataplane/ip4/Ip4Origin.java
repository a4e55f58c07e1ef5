package rose.dataplane.ip4;

import rose.dataplane.buffer.PacketMeta;

/** Turns a received packet's metadata into that of a packet the router originates (a reply or an error). */
final class Ip4Origin {
    private Ip4Origin() {}

    /** The packet is new from the firewall's point of view: no marks, no connection, no input interface. */
    static void restartAsLocal(PacketMeta m, int h) {
        m.flags(h, PacketMeta.F_LOCAL_ORIGIN);
        m.rxIf(h, PacketMeta.NONE);
        m.txIf(h, PacketMeta.NONE);
        m.packetMark(h, 0);
        m.connMark(h, 0);
        m.routingMark(h, 0);
        m.conn(h, PacketMeta.NONE);
        m.connInfo(h, 0);
        m.start(h, m.l3(h));
    }
}
