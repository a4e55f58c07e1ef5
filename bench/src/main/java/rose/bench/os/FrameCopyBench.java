package rose.bench.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A frame's copy between a port's native memory (a receive ring's slot, a send slot) and a pool
 * buffer, the two ways os-shim can do it: through a {@code jnr.ffi.Pointer} (a JNI call per copy,
 * {@code Foreign.getByteArray}/{@code putByteArray}) and through a direct {@code ByteBuffer} over
 * the same memory (what {@code FdChannel} and {@code RxRingChannel} use, {@code Native.view}).
 * Each router copies every frame twice (in and out), so this is per-hop cost.
 *
 * <pre>java -jar bench/target/benchmarks.jar FrameCopyBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCopyBench {
    @Param({"64", "1400"})
    int size;

    private Pointer slot;
    private ByteBuffer view;
    private final byte[] pool = new byte[2048];

    @Setup
    public void setUp() {
        slot = Memory.allocateDirect(Runtime.getSystemRuntime(), 2048);
        for (int i = 0; i < 2048; i++) slot.putByte(i, (byte) i);
        view = com.kenai.jffi.MemoryIO.getInstance().newDirectByteBuffer(slot.address(), 2048).order(ByteOrder.nativeOrder());
    }

    @Benchmark
    public byte[] inThroughPointer() {
        slot.get(66, pool, 128, size);
        return pool;
    }

    @Benchmark
    public byte[] inThroughByteBuffer() {
        view.get(66, pool, 128, size);
        return pool;
    }

    @Benchmark
    public Pointer outThroughPointer() {
        slot.put(0, pool, 128, size);
        return slot;
    }

    @Benchmark
    public ByteBuffer outThroughByteBuffer() {
        view.put(0, pool, 128, size);
        return view;
    }
}
