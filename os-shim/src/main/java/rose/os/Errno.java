package rose.os;

/** Linux errno values the shim names in its errors (asm-generic/errno-base.h, errno.h). */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, EBADF = 9, EAGAIN = 11, ENOMEM = 12,
            EACCES = 13, EBUSY = 16, EEXIST = 17, ENODEV = 19, EINVAL = 22, EMFILE = 24, EMSGSIZE = 90,
            EAFNOSUPPORT = 97, ENETDOWN = 100, ENOBUFS = 105,
            ESRCH = 3, ENOSYS = 38, ENOPROTOOPT = 92, EPROTONOSUPPORT = 93, EOPNOTSUPP = 95, ETIMEDOUT = 110, EBADMSG = 74,
            ENOTSUPP = 524;   // kernel-internal (include/linux/errno.h), yet bpf(2) returns it

    private Errno() {}

    public static String name(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EIO: return "EIO";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EBUSY: return "EBUSY";
            case EEXIST: return "EEXIST";
            case ENODEV: return "ENODEV";
            case EINVAL: return "EINVAL";
            case EMFILE: return "EMFILE";
            case EMSGSIZE: return "EMSGSIZE";
            case EAFNOSUPPORT: return "EAFNOSUPPORT";
            case ENETDOWN: return "ENETDOWN";
            case ENOBUFS: return "ENOBUFS";
            case ESRCH: return "ESRCH";
            case ENOSYS: return "ENOSYS";
            case ENOPROTOOPT: return "ENOPROTOOPT";
            case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            case ETIMEDOUT: return "ETIMEDOUT";
            case EBADMSG: return "EBADMSG";
            case ENOTSUPP: return "ENOTSUPP";
            default: return "errno " + errno;
        }
    }
}
