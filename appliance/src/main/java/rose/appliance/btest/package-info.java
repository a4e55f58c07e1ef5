/**
 * MikroTik's bandwidth test (btest) between routers: {@code /tool bandwidth-server} answers on
 * TCP 2000 and {@code /tool bandwidth-test} is the client. The wire format is not published by
 * MikroTik; it is known from captures (btest-opensource's notes), which these classes follow:
 *
 * <ol>
 *   <li>server {@code 01 00 00 00} (hello); client sends its 16-octet {@link rose.appliance.btest.BtestCommand};</li>
 *   <li>server {@code 01 00 00 00} (go) or {@code 02 00 00 00} + 16-octet challenge, answered with
 *       {@code md5(pw || md5(pw || challenge))} and the user name, then {@code 01}/{@code 00};</li>
 *   <li>TCP: both sides stream data on that connection; UDP: the server names its UDP port (2
 *       octets), the client uses that port + 256, datagrams carry a sequence number, and both
 *       sides send a 12-octet {@link rose.appliance.btest.BtestStatus} on TCP every second.</li>
 * </ol>
 * They run over the host's sockets: on a board or in a netns lab the router's addresses are the
 * kernel's ({@code rose run --host-stack}); routers in one JVM on memory wires have no TCP.
 */
package rose.appliance.btest;
