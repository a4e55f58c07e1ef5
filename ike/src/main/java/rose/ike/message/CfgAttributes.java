package rose.ike.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 configuration attributes of a CP payload (RFC 7296 §3.15.1), typed and checked:
 * <pre>
 * INTERNAL_IP4_ADDRESS   1   0 or 4 octets   (empty in a CFG_REQUEST: "give me one")
 * INTERNAL_IP4_NETMASK   2   0 or 4 octets   (a contiguous mask)
 * INTERNAL_IP4_DNS       3   0 or 4 octets
 * INTERNAL_IP4_SUBNET   13   0 or 8 octets   (address, then mask: a split-include network)
 * INTERNAL_DNS_DOMAIN   25   0 or a name     (RFC 8598 §4: a split-DNS domain, presentation format)
 * UNITY_SPLITDNS_NAME 28675  0 or names      (IKEv1, Cisco Unity: split-DNS domains, comma separated)
 * UNITY_SPLIT_INCLUDE 28676  n x 14 octets   (IKEv1, Cisco Unity: address, mask, 6 octets of zero)
 * </pre>
 * IKEv1 mode-config (draft-dukes-ike-mode-cfg) numbers the common attributes the same way, so
 * its ATTR payload is typed here too ({@code rose.ike.v1.ModeCfg}); RouterOS sends split-include
 * in IKEv1 the Cisco Unity way, and both INTERNAL_IP4_SUBNET and Unity are read.
 * Every length is checked before a value is read; other attributes are kept aside untouched
 * (§3.15.1: unrecognised ones are ignored). A malformed known attribute is INVALID_SYNTAX.
 */
public record CfgAttributes(InetAddress address, int prefixLength, List<InetAddress> dns, List<InetAddress[]> subnets,
                            boolean addressRequested, boolean dnsRequested, List<String> domains) {
    public static final int INTERNAL_DNS_DOMAIN = 25, UNITY_SPLITDNS_NAME = 28675, UNITY_SPLIT_INCLUDE = 28676;
    /** RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 in presentation format. */
    static final int MAX_DOMAIN = 253;

    /** The attributes of {@code cp}. */
    public static CfgAttributes of(CpPayload cp) throws IkeException {
        InetAddress address = null;
        int prefix = 0;
        boolean wantAddress = false, wantDns = false;
        List<InetAddress> dns = new ArrayList<>();
        List<InetAddress[]> subnets = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (CpPayload.Attribute a : cp.attributes()) {
            byte[] v = a.value();
            switch (a.attributeType()) {
                case CpPayload.INTERNAL_IP4_ADDRESS:
                    if (v.length == 0) { wantAddress = true; break; }
                    need(v, 4, "INTERNAL_IP4_ADDRESS");
                    if (address == null) address = ip(v, 0);
                    break;
                case CpPayload.INTERNAL_IP4_NETMASK:
                    if (v.length == 0) break;
                    need(v, 4, "INTERNAL_IP4_NETMASK");
                    prefix = prefixOf(v, 0);
                    break;
                case CpPayload.INTERNAL_IP4_DNS:
                    if (v.length == 0) { wantDns = true; break; }
                    need(v, 4, "INTERNAL_IP4_DNS");
                    dns.add(ip(v, 0));
                    break;
                case CpPayload.INTERNAL_IP4_SUBNET:
                    if (v.length == 0) break;
                    need(v, 8, "INTERNAL_IP4_SUBNET");
                    prefixOf(v, 4);
                    subnets.add(new InetAddress[] {ip(v, 0), ip(v, 4)});
                    break;
                case UNITY_SPLIT_INCLUDE:
                    if (v.length % 14 != 0) throw IkeException.syntax("CP: UNITY_SPLIT_INCLUDE of " + v.length + " octets, not a multiple of 14");
                    for (int off = 0; off < v.length; off += 14) {
                        prefixOf(v, off + 4);
                        subnets.add(new InetAddress[] {ip(v, off), ip(v, off + 4)});
                    }
                    break;
                case INTERNAL_DNS_DOMAIN:
                    if (v.length > 0) domains.add(domain(v, "INTERNAL_DNS_DOMAIN"));
                    break;
                case UNITY_SPLITDNS_NAME:
                    if (v.length == 0) break;
                    for (String d : domain(v, "UNITY_SPLITDNS_NAME", true).split(",")) if (!d.isEmpty()) domains.add(domain(d.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "UNITY_SPLITDNS_NAME"));
                    break;
                default:
                    break;
            }
        }
        return new CfgAttributes(address, prefix, dns, subnets, wantAddress, wantDns, domains);
    }

    public CfgAttributes {
        dns = List.copyOf(dns);
        subnets = List.copyOf(subnets);
        domains = List.copyOf(domains);
    }

    private static String domain(byte[] v, String what) throws IkeException { return domain(v, what, false); }

    /** A DNS name in presentation format: letters, digits, '-', '_', '.', (a list: ',') and no more than 253 octets each. */
    private static String domain(byte[] v, String what, boolean list) throws IkeException {
        if (!list && v.length > MAX_DOMAIN) throw IkeException.syntax("CP: " + what + " of " + v.length + " octets (a name is at most " + MAX_DOMAIN + ")");
        for (byte b : v) {
            boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || (list && b == ',');
            if (!ok) throw IkeException.syntax("CP: " + what + " holds octet " + (b & 0xff) + ", not a DNS name");
        }
        String s = new String(v, java.nio.charset.StandardCharsets.US_ASCII);
        return s.endsWith(".") && !list ? s.substring(0, s.length() - 1) : s;
    }

    /** A CFG_REQUEST for an IPv4 address, DNS servers and split-DNS domains (RFC 8598 §3.1: empty INTERNAL_DNS_DOMAIN), as road-warrior clients send it. */
    public static CpPayload request() {
        return new CpPayload(CpPayload.CFG_REQUEST, List.of(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_ADDRESS, new byte[0]),
                new CpPayload.Attribute(CpPayload.INTERNAL_IP4_DNS, new byte[0]), new CpPayload.Attribute(INTERNAL_DNS_DOMAIN, new byte[0])));
    }

    /** A CFG_REPLY: the address and its netmask, DNS servers, split-include networks ({@code address/length} pairs). */
    public static CpPayload reply(InetAddress address, int prefixLength, List<InetAddress> dns, List<InetAddress> subnetAddresses, List<Integer> subnetLengths) {
        return reply(address, prefixLength, dns, subnetAddresses, subnetLengths, List.of());
    }

    /** A CFG_REPLY as above with split-DNS domains, one INTERNAL_DNS_DOMAIN each (RFC 8598 §4). */
    public static CpPayload reply(InetAddress address, int prefixLength, List<InetAddress> dns, List<InetAddress> subnetAddresses, List<Integer> subnetLengths,
                                  List<String> domains) {
        List<CpPayload.Attribute> as = new ArrayList<>();
        as.add(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_ADDRESS, address.getAddress()));
        as.add(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_NETMASK, mask(prefixLength)));
        for (InetAddress d : dns) as.add(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_DNS, d.getAddress()));
        for (int i = 0; i < subnetAddresses.size(); i++) {
            byte[] v = new byte[8];
            System.arraycopy(subnetAddresses.get(i).getAddress(), 0, v, 0, 4);
            System.arraycopy(mask(subnetLengths.get(i)), 0, v, 4, 4);
            as.add(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_SUBNET, v));
        }
        for (String d : domains) as.add(new CpPayload.Attribute(INTERNAL_DNS_DOMAIN, d.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return new CpPayload(CpPayload.CFG_REPLY, as);
    }

    public static byte[] mask(int length) {
        int m = length == 0 ? 0 : -1 << (32 - length);
        return new byte[] {(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m};
    }

    /** The prefix length of a contiguous netmask at {@code off}; anything else is INVALID_SYNTAX. */
    public static int prefixOf(byte[] v, int off) throws IkeException {
        int m = ((v[off] & 0xff) << 24) | ((v[off + 1] & 0xff) << 16) | ((v[off + 2] & 0xff) << 8) | (v[off + 3] & 0xff);
        int len = Integer.bitCount(m);
        if (m != (len == 0 ? 0 : -1 << (32 - len))) throw IkeException.syntax("CP: netmask " + Integer.toHexString(m) + " is not contiguous");
        return len;
    }

    private static void need(byte[] v, int n, String what) throws IkeException {
        if (v.length != n) throw IkeException.syntax("CP: " + what + " of " + v.length + " octets, expected " + n);
    }

    private static InetAddress ip(byte[] v, int off) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(v, off, off + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four octets are always an address
        }
    }
}
