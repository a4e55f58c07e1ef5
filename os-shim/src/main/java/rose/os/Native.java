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
}
