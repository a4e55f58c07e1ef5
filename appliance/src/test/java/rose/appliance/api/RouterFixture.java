package rose.appliance.api;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.service.RunningRouter;
import rose.cli.lang.Session;

/** A router with its services on loopback, ephemeral ports, admin's password set. */
final class RouterFixture implements AutoCloseable {
    static final String ADMIN_PASSWORD = "test-admin-pw";
    final RunningRouter router;

    RouterFixture(Path dir) throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir, BuildInfo.current());
        router = RunningRouter.start(app, InetAddress.getLoopbackAddress(), Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0, "www-ssl", 0),
                "7.18.2");
        router.authenticator().setPassword("admin", ADMIN_PASSWORD);
    }

    String console(String text) {
        StringBuilder out = new StringBuilder();
        new Session(router.appliance().router(), "admin").execute(text, out);
        return out.toString();
    }

    @Override
    public void close() throws Exception {
        router.close();
    }
}
