package rose.dataplane.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** Reads the file back by the libpcap format description (not with our own writer's code). */
class PcapWriterTest {
    @Test
    void writesGlobalHeaderAndRecordsReadableByLibpcapRules() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bos, 64)) {
            byte[] frame = new byte[100];
            for (int i = 0; i < frame.length; i++) frame[i] = (byte) i;
            w.frame(1_700_000_000_123_456_789L, 0, false, frame, 0, 60);
            w.frame(1_700_000_001_000_000_000L, 0, true, frame, 10, 90); // longer than snaplen
        }
        ByteBuffer b = ByteBuffer.wrap(bos.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        assertEquals(0, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(64, b.getInt());
        assertEquals(1, b.getInt(), "LINKTYPE_ETHERNET");
        assertEquals(1_700_000_000, b.getInt());
        assertEquals(123_456, b.getInt(), "microseconds");
        assertEquals(60, b.getInt());
        assertEquals(60, b.getInt());
        byte[] d = new byte[60];
        b.get(d);
        assertEquals(59, d[59]);
        assertEquals(1_700_000_001, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(64, b.getInt(), "captured length clipped to snaplen");
        assertEquals(90, b.getInt(), "original length kept");
        b.get(new byte[64]);
        assertEquals(0, b.remaining());
    }
}
