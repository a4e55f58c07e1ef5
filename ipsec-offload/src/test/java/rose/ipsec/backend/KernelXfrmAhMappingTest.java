package rose.ipsec.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import rose.ipsec.crypto.AuthAlgorithm;
import rose.ipsec.crypto.EncAlgorithm;
import rose.ipsec.crypto.Transform;
import rose.os.XfrmSa;

/** An AH SA becomes an XFRM state the kernel accepts: protocol 51, an auth algorithm, and no cipher at all. */
class KernelXfrmAhMappingTest {
    @Test void ahStateHasAuthAndNoCrypt() {
        Transform t = new Transform(EncAlgorithm.NULL, AuthAlgorithm.SHA256);
        SaParams p = new SaParams(new SaId(0x4242, IpsecBackendContract.addr("192.0.2.2"), IpsecProtocol.AH), IpsecBackendContract.addr("192.0.2.1"),
                SaMode.TUNNEL, t, new byte[0], new byte[32], Optional.empty(), 64, false, Lifetime.UNLIMITED, 1, 0, Optional.empty());
        XfrmSa x = KernelXfrmBackend.toXfrm(p);
        assertEquals(51, x.proto());
        assertTrue(x.crypt().isEmpty(), "verify_newsa_info refuses XFRMA_ALG_CRYPT on AH");
        assertTrue(x.aead().isEmpty());
        assertTrue(x.auth().isPresent());
        assertEquals(rose.os.Xfrm.STATE_ALIGN4, x.flags() & rose.os.Xfrm.STATE_ALIGN4, "RFC 4302's 32-bit alignment, not Linux's default 64");
        SaParams esp = new SaParams(new SaId(0x4243, IpsecBackendContract.addr("192.0.2.2"), IpsecProtocol.ESP), IpsecBackendContract.addr("192.0.2.1"),
                SaMode.TUNNEL, t, new byte[0], new byte[32], Optional.empty(), 64, false, Lifetime.UNLIMITED, 1, 0, Optional.empty());
        assertTrue(KernelXfrmBackend.toXfrm(esp).crypt().isPresent(), "ESP-NULL keeps its ecb(cipher_null)");
    }
}
