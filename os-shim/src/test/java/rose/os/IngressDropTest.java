package rose.os;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When {@link IngressDrop#attach} falls back from tcx to tc: from the failing call and its errno only. */
class IngressDropTest {
    private static NativeException e(String call, int errno) {
        return new NativeException(call, "eth0", errno, null);
    }

    @Test
    void aKernelWithoutTcxFallsBackToTc() {
        assertTrue(IngressDrop.tcxMissing(e("bpf BPF_LINK_CREATE", Errno.EINVAL)), "6.1: attach type unknown to link_create");
        assertTrue(IngressDrop.tcxMissing(e("bpf BPF_LINK_CREATE", Errno.EOPNOTSUPP)));
        assertTrue(IngressDrop.tcxMissing(e("bpf BPF_LINK_CREATE", Errno.ENOTSUPP)));
        assertTrue(IngressDrop.tcxMissing(e("bpf BPF_PROG_LOAD", Errno.EINVAL)), "a load refusing the tcx attach type");
    }

    @Test
    void otherFailuresArePassedOn() {
        assertFalse(IngressDrop.tcxMissing(e("bpf BPF_LINK_CREATE", Errno.EPERM)), "not permitted: tc would be refused too");
        assertFalse(IngressDrop.tcxMissing(e("bpf BPF_PROG_LOAD", Errno.EPERM)));
        assertFalse(IngressDrop.tcxMissing(e("bpf BPF_LINK_CREATE", Errno.ENOSYS)), "no bpf(2) at all");
        assertFalse(IngressDrop.tcxMissing(e("if_nametoindex", Errno.ENODEV)));
        assertFalse(IngressDrop.tcxMissing(e("bpf BPF_LINK_CREATE", Errno.EBUSY)));
    }
}
