package rose.appliance.ssh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Test;

/**
 * The ssh service keeps Bouncy Castle's JCA provider out of SSHD (it cost ~450 loaded classes at
 * boot) without losing an algorithm: the server still offers what it offered with it (MINA SSHD
 * 2.14's defaults, listed with the provider registered).
 */
class SshAlgorithmsTest {
    @Test
    void theServerOffersTheSameAlgorithmsWithoutBouncyCastle() throws ClassNotFoundException {
        Class.forName(SshService.class.getName(), true, SshService.class.getClassLoader());
        assertTrue(SecurityUtils.isAPrioriDisabledProvider(SecurityUtils.BOUNCY_CASTLE));
        SshServer s = SshServer.setUpDefaultServer();
        assertOffers(NamedResource.getNameList(s.getKeyExchangeFactories()), "sntrup761x25519-sha512", "curve25519-sha256",
                "curve25519-sha256@libssh.org", "curve448-sha512", "ecdh-sha2-nistp521", "ecdh-sha2-nistp384",
                "ecdh-sha2-nistp256", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group18-sha512",
                "diffie-hellman-group17-sha512", "diffie-hellman-group16-sha512", "diffie-hellman-group15-sha512",
                "diffie-hellman-group14-sha256");
        assertOffers(NamedResource.getNameList(s.getCipherFactories()), "chacha20-poly1305@openssh.com", "aes128-ctr",
                "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
        assertOffers(NamedResource.getNameList(s.getMacFactories()), "hmac-sha2-256-etm@openssh.com",
                "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1");
        assertOffers(NamedResource.getNameList(s.getSignatureFactories()), "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                "ecdsa-sha2-nistp521", "ssh-ed25519", "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ssh-ed25519@openssh.com",
                "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-ed25519-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com");
    }

    private static void assertOffers(List<String> offered, String... expected) {
        for (String e : expected) assertTrue(offered.contains(e), e + " missing from " + offered);
    }
}
