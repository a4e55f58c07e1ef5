package rose.os;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;

/** Loads libc once, lazily; reports whether this platform can offer the shim at all. */
final class Native {
    private static volatile LibC libc;
    private static volatile Runtime runtime;

    private Native() {}

    static boolean isLinux() {
        return Platform.getNativePlatform().getOS() == Platform.OS.LINUX;
    }

    static LibC libc() {
        LibC l = libc;
        if (l == null) {
            synchronized (Native.class) {
                if (libc == null) {
                    libc = LibraryLoader.create(LibC.class).load("c");
                    runtime = Runtime.getRuntime(libc);
                }
                l = libc;
            }
        }
        return l;
    }

    static Runtime runtime() {
        libc();
        return runtime;
    }

    /** errno saved by the last {@code @SaveError} call on this thread. */
    static int errno() {
        return LastError.getLastError(runtime());
    }

    static NativeException error(String call, String subject) {
        int e = errno();
        return new NativeException(call, subject, e, libc().strerror(e));
    }

    /**
     * A direct {@link java.nio.ByteBuffer} over {@code bytes} octets of native memory at
     * {@code address} (ours, or a ring the kernel shares), in native byte order. Why: copying a
     * frame between a Java array and native memory through a {@code jnr.ffi.Pointer} is a JNI call
     * per frame ({@code Foreign.getByteArray}, {@code SetByteArrayRegion}: 9 % of a router's time
     * under iperf3), while a buffer's absolute bulk get/put is a copy the JIT compiles inline. The
     * buffer does not own the memory: whoever allocated it keeps it alive while the buffer is used.
     */
    static java.nio.ByteBuffer view(long address, long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) throw new IllegalArgumentException("a view holds at most 2 GiB: " + bytes);
        return com.kenai.jffi.MemoryIO.getInstance().newDirectByteBuffer(address, (int) bytes).order(java.nio.ByteOrder.nativeOrder());
    }
}
