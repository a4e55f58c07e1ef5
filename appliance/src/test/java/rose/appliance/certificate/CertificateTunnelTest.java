package rose.appliance.certificate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rose.appliance.BackToBackRouters.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BackToBackRouters;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.cli.auth.Principal;
import rose.cli.lang.Session;

/**
 * /certificate add + sign make real keys and certificates (CA, and ones it issues); import
 * takes a PEM certificate and key; an IKEv2 tunnel between two routers authenticates with
 * them (auth-method=digital-signature), and private keys never show in print or export.
 */
class CertificateTunnelTest {
    @TempDir Path dir;

    @Test
    void signPrintsFlagsAndNeverTheKey() throws Exception {
        try (Appliance a = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("a"), BuildInfo.current())) {
            Session s = new Session(a.router(), Principal.full("admin"));
            run(s, "/certificate add name=ca common-name=\"ROSE CA\" days-valid=3650");
            run(s, "/certificate sign ca");
            run(s, "/certificate add name=gw common-name=gw subject-alt-name=DNS:gw.example key-size=prime256v1");
            run(s, "/certificate sign gw ca=ca");
            String print = run(s, "/certificate print detail");
            assertTrue(print.matches("(?s).*\\n\\s*0 K\\s+A\\s+T\\s+name=\"ca\".*"), print);
            assertTrue(print.matches("(?s).*\\n\\s*1 K\\s+I\\s+name=\"gw\".*"), print);
            assertTrue(print.contains("key-type=\"ec\"") && print.contains("ca=\"ca\""), print);
            assertFalse(print.contains("PRIVATE"), print);
            assertFalse(run(s, "/export").contains("PRIVATE"));
            assertTrue(Files.readString(a.dataDir().resolve("certificates/gw.key")).contains("PRIVATE KEY"));
            assertTrue(run(s, "/certificate sign gw").contains("already signed"));
        }
    }

    @Test
    void ikeV2TunnelWithCertificatesFromOneCa() throws Exception {
        try (BackToBackRouters r = new BackToBackRouters(dir)) {
            Session sa = r.sa, sb = r.sb;
            // the CA lives on a; it issues both routers' certificates (RSA for a, EC for b)
            String imported = r.issueCertificatesFromA("subject-alt-name=DNS:seattle.example key-size=2048",
                    "subject-alt-name=DNS:boise.example key-size=prime256v1");
            assertTrue(imported.contains("private-keys-imported: 1"), imported);

            run(sa, "/ip address add address=10.9.0.1/24 interface=ether1");
            run(sa, "/ip ipsec peer add name=p address=10.9.0.2/32 exchange-mode=ike2");
            run(sa, "/ip ipsec identity add peer=p auth-method=digital-signature certificate=seattle remote-id=fqdn:boise.example");
            run(sa, "/ip ipsec policy add peer=p src-address=10.9.0.1/32 dst-address=10.9.0.2/32 protocol=icmp");
            run(sb, "/ip address add address=10.9.0.2/24 interface=ether1");
            run(sb, "/ip ipsec peer add name=p address=10.9.0.1/32 exchange-mode=ike2");
            run(sb, "/ip ipsec identity add peer=p auth-method=digital-signature certificate=boise");
            run(sb, "/ip ipsec policy add peer=p src-address=10.9.0.2/32 dst-address=10.9.0.1/32 protocol=icmp");

            r.assertPingsCrossTheTunnel();
            assertTrue(run(sb, "/ip ipsec active-peers print").contains("established"));
        }
    }

    /**
     * MINA SSHD registers Bouncy Castle as a JCA provider, after which a PEM EC key parses as an
     * "ECDSA" key; an import (and signing with an imported key) must still pair it with its
     * certificate. This failed in a full test run where the SSH tests had run first.
     */
    @Test
    void importPairsAnEcKeyWhenBouncyCastleIsARegisteredProvider() throws Exception {
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        try (Appliance a = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("bc"), BuildInfo.current())) {
            Session s = new Session(a.router(), Principal.full("admin"));
            run(s, "/certificate add name=ca common-name=\"ROSE CA\"");
            run(s, "/certificate sign ca");
            run(s, "/certificate add name=gw common-name=gw key-size=prime256v1");
            run(s, "/certificate sign gw ca=ca");
            Path from = a.dataDir().resolve("certificates");
            Files.writeString(a.dataDir().resolve("gw.pem"), Files.readString(from.resolve("gw.crt")) + Files.readString(from.resolve("gw.key")));
            String imported = run(s, "/certificate import file-name=gw.pem name=gw2");
            assertTrue(imported.contains("private-keys-imported: 1"), imported);
        }
    }
}
