package rose.bench;

/**
 * A 10,000-line configuration of the shape large routers carry: address lists, firewall rules
 * in all four tables, IPsec peers with profiles, identities and policies, addresses and routes.
 * Deterministic, so every run imports the same text.
 */
public final class TenThousandLines {
    private TenThousandLines() {
    }

    public static String generate() {
        StringBuilder sb = new StringBuilder(1 << 20);
        int lines = 0;
        sb.append("/ip ipsec profile\n");
        for (int i = 0; i < 500; i++, lines++) {
            sb.append("add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 lifetime=8h name=prof").append(i).append('\n');
        }
        sb.append("/ip ipsec peer\n");
        for (int i = 0; i < 500; i++, lines++) {
            sb.append("add address=198.51.").append(i / 250).append('.').append(i % 250 + 1)
                    .append("/32 exchange-mode=ike2 name=peer").append(i).append(" profile=prof").append(i).append('\n');
        }
        sb.append("/ip ipsec identity\n");
        for (int i = 0; i < 500; i++, lines++) {
            sb.append("add peer=peer").append(i).append(" secret=secret-").append(i).append('\n');
        }
        sb.append("/ip ipsec policy\n");
        for (int i = 0; i < 500; i++, lines++) {
            sb.append("add dst-address=10.").append(100 + i / 250).append('.').append(i % 250).append(".0/24 peer=peer").append(i)
                    .append(" src-address=192.168.").append(i % 250).append(".0/24 tunnel=yes\n");
        }
        sb.append("/ip address\n");
        for (int i = 0; i < 500; i++, lines++) {
            sb.append("add address=172.16.").append(i / 200).append('.').append(i % 200 + 1).append("/16 interface=ether")
                    .append(i % 8 + 1).append('\n');
        }
        sb.append("/ip route\n");
        for (int i = 0; i < 1000; i++, lines++) {
            sb.append("add dst-address=10.").append(i / 250).append('.').append(i % 250).append(".0/24 gateway=172.16.0.")
                    .append(i % 200 + 2).append('\n');
        }
        sb.append("/ip firewall address-list\n");
        for (int i = 0; i < 3000; i++, lines++) {
            sb.append("add address=203.0.").append(i / 250).append('.').append(i % 250).append(" list=blocked")
                    .append(i % 10).append('\n');
        }
        sb.append("/ip firewall filter\n");
        for (int i = 0; lines < 8500; i++, lines++) {
            sb.append("add action=").append(i % 3 == 0 ? "drop" : "accept").append(" chain=").append(i % 2 == 0 ? "input" : "forward")
                    .append(" comment=\"rule ").append(i).append("\" dst-port=").append(1000 + i).append(" protocol=tcp src-address-list=blocked")
                    .append(i % 10).append('\n');
        }
        sb.append("/ip firewall nat\n");
        for (int i = 0; lines < 9500; i++, lines++) {
            sb.append("add action=dst-nat chain=dstnat dst-port=").append(20000 + i).append(" protocol=tcp to-addresses=192.168.")
                    .append(i % 250).append(".10 to-ports=80\n");
        }
        sb.append("/ip firewall mangle\n");
        for (int i = 0; lines < 10000; i++, lines++) {
            sb.append("add action=mark-connection chain=prerouting new-connection-mark=m").append(i).append(" src-address=10.9.")
                    .append(i % 250).append(".0/24\n");
        }
        return sb.toString();
    }
}
