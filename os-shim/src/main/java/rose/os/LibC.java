package rose.os;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls the shim uses, bound by JNR-FFI. Every call that can fail saves errno
 * ({@link SaveError}) so {@link Native#errno()} reads the value of this call, not of a
 * later one the JVM made. Public only because JNR-FFI generates the implementation in
 * another class loader; callers use the typed wrappers.
 */
public interface LibC {
    @SaveError int open(String path, int flags);
    @SaveError int close(int fd);
    @SaveError int ioctl(int fd, long request, Pointer arg);
    @SaveError @ssize_t long read(int fd, @Out Pointer buf, @size_t long count);
    @SaveError @ssize_t long write(int fd, @In Pointer buf, @size_t long count);
    @SaveError int socket(int domain, int type, int protocol);
    @SaveError int bind(int fd, @In Pointer addr, int len);
    @SaveError int setsockopt(int fd, int level, int option, @In Pointer value, int len);
    @SaveError int getsockopt(int fd, int level, int option, @Out Pointer value, Pointer len);
    /** The mapping's address, or MAP_FAILED (-1). */
    @SaveError @intptr_t long mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);
    @SaveError int munmap(@intptr_t long addr, @size_t long length);
    @SaveError int if_nametoindex(String name);
    @SaveError int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);
    @SaveError int sendmmsg(int fd, Pointer msgvec, int vlen, int flags);
    @SaveError @ssize_t long sendto(int fd, @In Pointer buf, @size_t long len, int flags, @In Pointer addr, int addrLen);
    @SaveError @ssize_t long recv(int fd, @Out Pointer buf, @size_t long len, int flags);
    @SaveError @ssize_t long sendmsg(int fd, @In Pointer msghdr, int flags);
    @SaveError int accept(int fd, Pointer addr, Pointer addrLen);
    @SaveError int poll(Pointer fds, @size_t long nfds, int timeoutMillis);
    @SaveError int eventfd(int initval, int flags);
    /** syscall(2), for calls libc has no wrapper for ({@code bpf}). */
    @SaveError long syscall(long number, long a1, @In Pointer a2, long a3);
    String strerror(int errnum);
}
