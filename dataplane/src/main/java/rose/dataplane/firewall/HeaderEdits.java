package rose.dataplane.firewall;

import rose.dataplane.ip4.Checksum;

/**
 * Mangle's header changes (change-mss incl. clamp-to-pmtu, change-ttl, change-dscp, clear-df) with
 * incremental checksums; strip-ipv4-options changes the packet's length and is FirewallNode's.
 */
final class HeaderEdits {
    private HeaderEdits() {}

    static void apply(PacketFields f, RuleEvaluator e, int outMtu) {
        byte[] b = f.buf;
        int l3 = f.l3;
        if (e.newTtl() >= 0 && e.newTtl() != f.ttl) {
            int oldWord = PacketFields.u16(b, l3 + 8);
            b[l3 + 8] = (byte) e.newTtl();
            ipCheck(b, l3, oldWord, PacketFields.u16(b, l3 + 8));
            f.ttl = e.newTtl();
        }
        if (e.newDscp() >= 0) {
            int oldWord = PacketFields.u16(b, l3);
            b[l3 + 1] = (byte) ((e.newDscp() << 2) | (b[l3 + 1] & 3));
            ipCheck(b, l3, oldWord, PacketFields.u16(b, l3));
            f.tos = b[l3 + 1] & 0xff;
        }
        if (e.clearDf()) {
            int oldWord = PacketFields.u16(b, l3 + 6);
            if ((oldWord & 0x4000) != 0) {
                PacketFields.put16(b, l3 + 6, oldWord & ~0x4000);
                ipCheck(b, l3, oldWord, oldWord & ~0x4000);
            }
        }
        if (e.newMss() != 0 && f.proto == Protocols.TCP && f.l4Valid && f.tcpMss >= 0) {
            int target = e.newMss() == RuleSpec.NEW_MSS_CLAMP_TO_PMTU ? (outMtu > 0 ? outMtu - 40 : f.tcpMss) : e.newMss();
            // clamp-to-pmtu only lowers; an explicit new-mss also only lowers, as RouterOS recommends tcp-mss matching for raising
            if (target > 0 && target < f.tcpMss) {
                int doff = ((b[f.l4 + 12] & 0xff) >>> 4) * 4;
                int at = TcpOptions.findMssOffset(b, f.l4 + 20, doff - 20);
                if (at >= 0) {
                    int old = PacketFields.u16(b, at);
                    PacketFields.put16(b, at, target);
                    int ck = f.l4 + 16;
                    // the option starts at an even offset from the TCP header only if aligned; sum by its word position
                    if (((at - f.l4) & 1) == 0) {
                        PacketFields.put16(b, ck, Checksum.update16(PacketFields.u16(b, ck), old, target));
                    } else {
                        TcpChecksum.recompute(f);
                    }
                    f.tcpMss = target;
                }
            }
        }
    }

    private static void ipCheck(byte[] b, int l3, int oldWord, int newWord) {
        PacketFields.put16(b, l3 + 10, Checksum.update16(PacketFields.u16(b, l3 + 10), oldWord, newWord));
    }
}
