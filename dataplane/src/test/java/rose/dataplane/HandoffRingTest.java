package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;

/** A worker's handoff ring is as large as the pool it drains into, up to a NIC ring's 1,024. */
class HandoffRingTest {
    private static Handoff handoff(int workers, int poolBuffers) {
        return new Handoff(workers, poolBuffers, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM, w -> { });
    }

    @Test
    void aSmallBoardsRingsFollowItsWorkersPools() {
        Handoff h = handoff(2, 512);   // 256 MB, two cores: 1,024 buffers shared out
        assertEquals(512, h.ringCapacity(0));
        assertEquals(512, h.ringCapacity(1));
    }

    @Test
    void aLargeBoardsRingsStopAtANicRing() {
        assertEquals(Handoff.RING, handoff(4, 4096).ringCapacity(3));
    }

    @Test
    void oneWorkerHandsNothingOff() {
        assertEquals(1, handoff(1, 4096).ringCapacity(0));
    }
}
