package rose.os;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The {@code TPACKET_V2} rings of one AF_PACKET socket and the one mmap(2) they share: the receive
 * ring ({@link RxRingChannel}) first, then the transmit ring ({@link TxRing}), as packet_mmap.rst
 * says the kernel lays them out when a socket has both.
 *
 * <p>Each ring is blocks of {@link #BLOCK} octets the kernel allocates, cut into slots of
 * {@link #slotSize} octets. A kernel that refuses the transmit ring (older than 2.6.31, or out of
 * memory) leaves the socket with its receive ring and {@code sendmmsg}; one that refuses the
 * receive ring or the mapping throws, and the caller starts again with a plain socket.
 */
final class PacketRings {
    static final int PACKET_RX_RING = 5, PACKET_VERSION = 10;
    static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;
    static final int BLOCK = 1 << 16;
    /** sizeof(struct tpacket_req): block_size, block_nr, frame_size, frame_nr. */
    private static final int TPACKET_REQ = 16;

    final long address;
    final long bytes;
    /** The receive ring's slots (0 when the socket has none) and their size. */
    final int rxFrames, rxFrameSize;
    /** The transmit ring, or null. */
    final TxRing tx;

    private PacketRings(long address, long bytes, int rxFrames, int rxFrameSize, TxRing tx) {
        this.address = address;
        this.bytes = bytes;
        this.rxFrames = rxFrames;
        this.rxFrameSize = rxFrameSize;
        this.tx = tx;
    }

    /**
     * Slot size for frames of an interface of MTU {@code mtu}: the ring header, the sockaddr_ll and
     * the kernel's alignment (a received frame starts at 66), an Ethernet header with a VLAN tag, then
     * the MTU; a power of two so that slots tile the blocks.
     */
    static int slotSize(int mtu) {
        int need = 96 + 18 + Math.max(mtu, 1500);
        return Math.max(2048, Integer.highestOneBit(need - 1) << 1);
    }

    /**
     * Puts a receive ring of about {@code rxBytes} (0: none) and a transmit ring of at least
     * {@code txFrames} slots (0: none) on the unbound packet socket {@code fd} and maps them; the
     * caller closes {@code fd} if this throws. {@code batch}: frames per send of the transmit ring.
     */
    static PacketRings attach(int fd, String name, int mtu, int rxBytes, int txFrames, int batch) throws NativeException {
        LibC c = Native.libc();
        int frameSize = slotSize(mtu);
        int block = Math.max(BLOCK, frameSize);
        int perBlock = block / frameSize;
        Pointer v = Memory.allocateDirect(Native.runtime(), 4);
        v.putInt(0, Tpacket2Frame.TPACKET_V2);
        if (c.setsockopt(fd, PacketSocket.SOL_PACKET, PACKET_VERSION, v, 4) < 0) throw Native.error("setsockopt PACKET_VERSION", name);
        // before either ring: the kernel refuses PACKET_LOSS (EBUSY) once the socket has one. Without it a
        // frame the kernel finds malformed stops the transmit ring for good (TP_STATUS_WRONG_FORMAT)
        v.putInt(0, 1);
        boolean loss = txFrames > 0 && c.setsockopt(fd, PacketSocket.SOL_PACKET, TxRing.PACKET_LOSS, v, 4) == 0;
        int rxBlocks = 0;
        if (rxBytes > 0) {
            rxBlocks = Math.max(1, rxBytes / block);
            if (!request(c, fd, PACKET_RX_RING, block, rxBlocks, frameSize)) throw Native.error("setsockopt PACKET_RX_RING", name);
        }
        int txBlocks = 0;
        if (txFrames > 0) {
            if (loss) {
                txBlocks = (int) ((txFrames + (long) perBlock - 1) / perBlock);
                if (!request(c, fd, TxRing.PACKET_TX_RING, block, txBlocks, frameSize)) txBlocks = 0;   // sendmmsg then
            }
            if (txBlocks == 0 && rxBlocks == 0) throw Native.error(loss ? "setsockopt PACKET_TX_RING" : "setsockopt PACKET_LOSS", name);
        }
        long rxRingBytes = (long) block * rxBlocks;
        long bytes = rxRingBytes + (long) block * txBlocks;
        if (bytes == 0) throw new IllegalArgumentException("no ring asked for on " + name);
        long address = c.mmap(null, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (address == -1L) throw Native.error("mmap PACKET_RX_RING/PACKET_TX_RING", name);
        TxRing tx = null;
        if (txBlocks > 0) {
            long txAddress = address + rxRingBytes;
            long txBytes = (long) block * txBlocks;
            // unbounded pointer: TxRing only reads and writes inside its slots
            tx = new TxRing(Pointer.wrap(Native.runtime(), txAddress), Native.view(txAddress, txBytes),
                    txBlocks * perBlock, frameSize, TxRing.maxFrame(frameSize, mtu), batch);
        }
        return new PacketRings(address, bytes, rxBlocks * perBlock, frameSize, tx);
    }

    private static boolean request(LibC c, int fd, int option, int block, int blocks, int frameSize) {
        Pointer req = Memory.allocateDirect(Native.runtime(), TPACKET_REQ);
        req.putInt(0, block);
        req.putInt(4, blocks);
        req.putInt(8, frameSize);
        req.putInt(12, blocks * (block / frameSize));   // the kernel wants exactly the slots the blocks hold
        return c.setsockopt(fd, PacketSocket.SOL_PACKET, option, req, TPACKET_REQ) == 0;
    }

    void unmap() {
        Native.libc().munmap(address, bytes);
    }
}
