package rose.os;

import java.nio.charset.StandardCharsets;

import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;

/**
 * The few bpf(2) commands the shim needs, without libbpf: load a program given as raw
 * instructions, and attach it with a {@code bpf_link}. A link lives as long as its file
 * descriptor: when the process that made it exits, even by a crash, the kernel detaches the
 * program, so nothing we attach outlives the router.
 */
final class Bpf {
    static final int BPF_PROG_LOAD = 5, BPF_LINK_CREATE = 28;
    static final int BPF_PROG_TYPE_SCHED_CLS = 3;
    /** enum bpf_attach_type: tcx (Linux 6.6+), the tc hooks as links. */
    static final int BPF_TCX_INGRESS = 46;
    /** union bpf_attr is larger; the kernel takes any size up to its own if the rest is zero. */
    private static final int ATTR = 128;

    private Bpf() {}

    /** One instruction, struct bpf_insn: opcode, dst/src registers, offset, immediate. */
    static long insn(int code, int dst, int src, int off, int imm) {
        return (code & 0xff) | (long) ((dst & 0xf) | (src & 0xf) << 4) << 8 | (long) (off & 0xffff) << 16 | (imm & 0xffffffffL) << 32;
    }

    /** r0 = imm; exit: a program whose every run returns {@code verdict}. */
    static long[] returning(int verdict) {
        return new long[] {
            insn(0xb7, 0, 0, 0, verdict),   // BPF_ALU64 | BPF_MOV | BPF_K
            insn(0x95, 0, 0, 0, 0),         // BPF_JMP | BPF_EXIT
        };
    }

    /** Loads {@code insns} as a program of {@code type}; returns its fd. */
    static int load(int type, int expectedAttach, long[] insns, String name, String subject) throws NativeException {
        jnr.ffi.Runtime rt = Native.runtime();
        Pointer code = Memory.allocateDirect(rt, insns.length * 8);
        for (int i = 0; i < insns.length; i++) code.putLong(i * 8L, insns[i]);   // little-endian hosts: the struct's layout
        byte[] lic = "GPL\0".getBytes(StandardCharsets.US_ASCII);
        Pointer license = Memory.allocateDirect(rt, lic.length);
        license.put(0, lic, 0, lic.length);
        Pointer attr = attr(rt);
        attr.putInt(0, type);                       // prog_type
        attr.putInt(4, insns.length);               // insn_cnt
        attr.putLong(8, code.address());            // insns
        attr.putLong(16, license.address());        // license
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        attr.put(48, n, 0, Math.min(n.length, 15)); // prog_name[16], NUL-terminated
        attr.putInt(68, expectedAttach);            // expected_attach_type
        return (int) call(BPF_PROG_LOAD, attr, "bpf BPF_PROG_LOAD", subject);
    }

    /** Attaches program {@code prog} to interface {@code ifindex} at {@code attachType}; returns the link's fd. */
    static int link(int prog, int ifindex, int attachType, String subject) throws NativeException {
        Pointer attr = attr(Native.runtime());
        attr.putInt(0, prog);                       // link_create.prog_fd
        attr.putInt(4, ifindex);                    // link_create.target_ifindex
        attr.putInt(8, attachType);                 // link_create.attach_type
        return (int) call(BPF_LINK_CREATE, attr, "bpf BPF_LINK_CREATE", subject);
    }

    private static Pointer attr(jnr.ffi.Runtime rt) {
        Pointer attr = Memory.allocateDirect(rt, ATTR);
        attr.setMemory(0, ATTR, (byte) 0);
        return attr;
    }

    private static long call(int cmd, Pointer attr, String what, String subject) throws NativeException {
        long nr = syscallNumber();
        if (nr < 0) throw new NativeException(what, subject, Errno.ENOSYS, "bpf(2) not known on this CPU");
        long fd = Native.libc().syscall(nr, cmd, attr, ATTR);
        if (fd < 0) throw Native.error(what, subject);
        return fd;
    }

    /** __NR_bpf: 321 on x86-64, 280 on arm64 (the generic table); -1 elsewhere. */
    static long syscallNumber() {
        Platform.CPU cpu = Platform.getNativePlatform().getCPU();
        if (cpu == Platform.CPU.X86_64) return 321;
        if (cpu == Platform.CPU.AARCH64) return 280;
        return -1;
    }
}
