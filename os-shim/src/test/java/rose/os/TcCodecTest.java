package rose.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bytes of the tc requests, field by field, for ifindex 5 on a little-endian host (x86-64,
 * arm64): what {@code tc qdisc add dev X clsact} and {@code tc filter add dev X ingress prio 65280
 * handle 0x524f5345 bpf da fd 9} put on the wire (strace -e sendmsg shows the same layout).
 */
class TcCodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
    }

    @BeforeEach
    void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are little-endian");
    }

    @Test
    void handlesAreTcsOwn() {
        assertEquals(0xFFFF0000, TcCodec.CLSACT_HANDLE);   // ffff:
        assertEquals(0xFFFFFFF2, TcCodec.INGRESS);         // ffff:fff2
        assertEquals(0xFFFFFFF3, TcCodec.EGRESS);          // ffff:fff3
        assertEquals(0xFF000300, TcCodec.filterInfo(0xFF00, TcCodec.ETH_P_ALL));   // prio 65280, htons(ETH_P_ALL)
    }

    @Test
    void newClsact() {
        assertArrayEquals(hex(
                "30000000 | 2400 | 0506 | 07000000 | 00000000"          // len 48, RTM_NEWQDISC, REQUEST|ACK|EXCL|CREATE, seq 7
                + "00 00 0000 | 05000000 | 0000ffff | f1ffffff | 00000000"  // tcmsg: ifindex 5, handle ffff:0, parent clsact
                + "0b00 0100 636c7361637400 00"),                       // TCA_KIND "clsact\0", padded
                TcCodec.newClsact(7, 5));
    }

    @Test
    void delClsact() {
        assertArrayEquals(hex(
                "30000000 | 2500 | 0500 | 07000000 | 00000000"          // RTM_DELQDISC, REQUEST|ACK
                + "00 00 0000 | 05000000 | 0000ffff | f1ffffff | 00000000"
                + "0b00 0100 636c7361637400 00"),
                TcCodec.delClsact(7, 5));
    }

    @Test
    void newBpfFilter() {
        String tail = "00 00 0000 | 05000000 | 45534f52 | f2ffffff | 000300ff"   // handle 'ROSE', parent ingress, prio 65280 ETH_P_ALL
                + "0800 0100 62706600"                                          // TCA_KIND "bpf\0"
                + "2800 0200"                                                   // TCA_OPTIONS, 40 octets
                + "0800 0600 09000000"                                          //   TCA_BPF_FD 9
                + "1100 0700 726f73655f706f72745f727800 000000"                 //   TCA_BPF_NAME "rose_port_rx\0", padded
                + "0800 0800 01000000";                                         //   TCA_BPF_FLAGS ACT_DIRECT
        assertArrayEquals(hex("54000000 | 2c00 | 0506 | 08000000 | 00000000" + tail),   // RTM_NEWTFILTER, EXCL|CREATE
                TcCodec.newBpfFilter(8, 5, 0xFF00, 0x524F5345, 9, "rose_port_rx", false));
        assertArrayEquals(hex("54000000 | 2c00 | 0505 | 08000000 | 00000000" + tail),   // REPLACE|CREATE
                TcCodec.newBpfFilter(8, 5, 0xFF00, 0x524F5345, 9, "rose_port_rx", true));
    }

    @Test
    void delFilterAndDump() {
        assertArrayEquals(hex("2c000000 | 2d00 | 0500 | 09000000 | 00000000"
                + "00 00 0000 | 05000000 | 45534f52 | f2ffffff | 000300ff"
                + "0800 0100 62706600"),
                TcCodec.delFilter(9, 5, 0xFF00, 0x524F5345));
        assertArrayEquals(hex("24000000 | 2e00 | 0103 | 0a000000 | 00000000"    // RTM_GETTFILTER, REQUEST|DUMP
                + "00 00 0000 | 05000000 | 00000000 | f3ffffff | 00000000"),
                TcCodec.dumpFilters(10, 5, TcCodec.EGRESS));
    }
}
