package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.service.RunningRouter;
import rose.cli.lang.Session;

/**
 * Debian's {@code ansible} (community.routeros 2.8.2) against a running router on loopback:
 * {@code community.routeros.command} and {@code facts} over {@code network_cli} with
 * {@code ansible_network_os: community.routeros.routeros} (SSH through paramiko), and the API
 * modules ({@code api}, {@code api_info}, {@code api_modify}, {@code api_find_and_modify},
 * {@code api_facts}) over the binary API. Each test writes an inventory and a playbook into a
 * temporary directory and runs {@code ansible-playbook}; the tests skip, saying why, when
 * ansible, python3-paramiko or python3-librouteros are missing ({@code .ci/run} installs them).
 */
class AnsibleTest {
    static final String PW = "Ansible-pw-4-tests";
    @TempDir static Path dir;
    static RunningRouter router;

    @BeforeAll
    static void start() throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), BuildInfo.current());
        router = RunningRouter.start(app, InetAddress.getLoopbackAddress(), Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0,
                "www-ssl", 0), "7.18.2");
        router.authenticator().setPassword("admin", PW);
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) router.close();
    }

    static String console(String text) {
        StringBuilder out = new StringBuilder();
        new Session(router.appliance().router(), "admin").execute(text, out);
        return out.toString();
    }

    /** Skips (loudly) unless ansible-playbook, the collection, paramiko and librouteros are there. */
    static void needAnsible() throws Exception {
        String why = null;
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "ansible-playbook"))) found = true;
        }
        if (!found) {
            why = "ansible-playbook is not installed";
        } else if (!Files.isExecutable(Path.of("/usr/bin/python3"))
                || run(List.of("/usr/bin/python3", "-c", "import paramiko, librouteros, ansible_collections.community.routeros"),
                        Map.of(), 30).status() != 0) {
            why = "python3-paramiko, python3-librouteros or the community.routeros collection is missing";
        }
        if (why != null) System.err.println("SKIPPED: " + why + " (Debian packages ansible python3-paramiko "
                + "python3-librouteros; .ci/run installs them)");
        assumeTrue(why == null, why + " (.ci/run installs ansible python3-paramiko python3-librouteros)");
    }

    record Result(int status, String out) {
    }

    static Result run(List<String> cmd, Map<String, String> env, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (java.io.IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError("timed out: " + cmd + "\n" + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    /** Runs {@code playbook} (YAML) against an inventory with {@code inventoryVars} for host {@code rose}. */
    static Result playbook(String name, String inventoryVars, String playbook) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        Files.writeString(work.resolve("inventory.ini"), "[routers]\nrose ansible_host=127.0.0.1\n\n[routers:vars]\n"
                + inventoryVars + "ansible_python_interpreter=/usr/bin/python3\n");
        Files.writeString(work.resolve("playbook.yml"), playbook);
        Map<String, String> env = new HashMap<>();
        env.put("ANSIBLE_HOST_KEY_CHECKING", "False");
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "False");
        env.put("ANSIBLE_LOCAL_TEMP", work.resolve("tmp").toString());
        env.put("ANSIBLE_REMOTE_TEMP", work.resolve("tmp").toString());
        env.put("ANSIBLE_PERSISTENT_CONTROL_PATH_DIR", work.resolve("pc").toString());
        env.put("ANSIBLE_PERSISTENT_CONNECT_TIMEOUT", "20");
        env.put("ANSIBLE_PERSISTENT_COMMAND_TIMEOUT", "20");
        env.put("ANSIBLE_STDOUT_CALLBACK", "default");
        long t0 = System.nanoTime();
        Result r = run(List.of("ansible-playbook", "-i", work.resolve("inventory.ini").toString(),
                work.resolve("playbook.yml").toString()), env, 120);
        System.err.printf("ansible %s: %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        return r;
    }

    static String cli(String user) {
        return "ansible_connection=ansible.netcommon.network_cli\nansible_network_os=community.routeros.routeros\n"
                + "ansible_user=" + user + "\nansible_password=" + PW + "\nansible_port=" + router.port("ssh") + "\n";
    }

    static String api() {
        return "ansible_connection=local\n";
    }

    static String apiDefaults() {
        return "  module_defaults:\n    group/community.routeros.api:\n      hostname: 127.0.0.1\n      username: admin\n"
                + "      password: " + PW + "\n      port: " + router.port("api") + "\n      tls: false\n";
    }

    @Test
    void commandOverNetworkCliPrintsResourceAndAddresses() throws Exception {
        needAnsible();
        console("/ip address add address=192.0.2.1/24 interface=ether1");
        for (String user : new String[] {"admin", "admin+cet1024w"}) {
            Result r = playbook("command-" + user.replace('+', '_'), cli(user), String.join("\n",
                    "- hosts: routers",
                    "  gather_facts: false",
                    "  tasks:",
                    "    - community.routeros.command:",
                    "        commands:",
                    "          - /system resource print",
                    "          - /ip address print",
                    "      register: r",
                    "    - ansible.builtin.assert:",
                    "        that:",
                    "          - \"'version: 7.18.2' in r.stdout[0]\"",
                    "          - \"'192.0.2.1/24' in r.stdout[1]\"",
                    "    - ansible.builtin.debug: var=r.stdout",
                    ""));
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("architecture-name: x86_64"), r.out());
            assertTrue(r.out().contains("192.0.2.1/24"), r.out());
            assertFalse(r.out().contains("\\u001b"), "terminal control sequences in the output: " + r.out());
        }
    }

    @Test
    void changeThroughTheCliAndReadItBackAndErrorsFailTheTask() throws Exception {
        needAnsible();
        Result r = playbook("cli-change", cli("admin+cet1024w"), String.join("\n",
                "- hosts: routers",
                "  gather_facts: false",
                "  tasks:",
                "    - community.routeros.command:",
                "        commands:",
                "          - /ip address add address=198.51.100.7/24 interface=ether3 comment=from-ansible",
                "          - /ip address print where comment=from-ansible",
                "      register: r",
                "    - ansible.builtin.assert:",
                "        that: \"'198.51.100.7/24' in r.stdout[1] and 'ether3' in r.stdout[1]\"",
                "    - community.routeros.command:",
                "        commands: [/ip address frobnicate]",
                "      register: bad",
                "      ignore_errors: true",
                "    - ansible.builtin.assert:",
                "        that: bad is failed",
                ""));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("bad command name frobnicate"), r.out());
        assertTrue(console("/ip address print where comment=from-ansible").contains("198.51.100.7/24"));
    }

    @Test
    void apiModulesReadAddressesAndAddAFirewallRule() throws Exception {
        needAnsible();
        console("/ip address add address=203.0.113.9/24 interface=ether2");
        Result r = playbook("api", api(), String.join("\n",
                "- hosts: routers",
                "  gather_facts: false",
                apiDefaults() + "  tasks:",
                "    - community.routeros.api:",
                "        path: ip address",
                "      register: addrs",
                "    - ansible.builtin.assert:",
                "        that: \"'203.0.113.9/24' in (addrs.msg | map(attribute='address') | list)\"",
                "    - community.routeros.api:",
                "        path: ip firewall filter",
                "        add: chain=input action=accept protocol=tcp dst-port=8291 comment=ansible-api",
                "    - community.routeros.api_info:",
                "        path: ip firewall filter",
                "      register: rules",
                "    - ansible.builtin.assert:",
                "        that: \"'ansible-api' in (rules.result | map(attribute='comment') | list)\"",
                "    - community.routeros.api_modify:",
                "        path: system identity",
                "        data:",
                "          - name: rose-by-ansible",
                "      register: ident",
                "    - ansible.builtin.assert:",
                "        that: ident is changed",
                "    - community.routeros.api_find_and_modify:",
                "        path: ip address",
                "        find:",
                "          address: 203.0.113.9/24",
                "        values:",
                "          comment: tagged",
                ""));
        assertEquals(0, r.status(), r.out());
        assertTrue(console("/ip firewall filter print where comment=ansible-api").contains("8291"),
                console("/ip firewall filter print"));
        assertTrue(console("/system identity print").contains("rose-by-ansible"));
        assertTrue(console("/ip address print where comment=tagged").contains("203.0.113.9/24"));
        console("/system identity set name=MikroTik");
    }

    @Test
    void factsOverCliAndOverTheApi() throws Exception {
        needAnsible();
        Result cli = playbook("facts-cli", cli("admin+cet1024w"), String.join("\n",
                "- hosts: routers",
                "  gather_facts: false",
                "  tasks:",
                "    - community.routeros.facts:",
                "        gather_subset: [default, hardware]",
                "    - ansible.builtin.assert:",
                "        that:",
                "          - ansible_net_model is defined",
                "          - ansible_net_memtotal_mb > 0",
                "          - ansible_net_version is match('7\\.18\\.2')",
                ""));
        assertEquals(0, cli.status(), cli.out());
        Result api = playbook("facts-api", api(), String.join("\n",
                "- hosts: routers",
                "  gather_facts: false",
                apiDefaults() + "  tasks:",
                "    - community.routeros.api_facts:",
                "    - ansible.builtin.assert:",
                "        that:",
                "          - ansible_net_version == '7.18.2'",
                "          - ansible_net_spacetotal_mb > 0",
                "          - \"'ether1' in ansible_net_interfaces\"",
                ""));
        assertEquals(0, api.status(), api.out());
    }
}
