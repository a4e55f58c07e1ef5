package rose.ike.config;

import java.net.InetAddress;
import java.util.List;

/**
 * {@code /ip ipsec mode-config} (reference 02 §7) as IKE needs it: what a responder hands out in
 * its CFG_REPLY (RFC 7296 §3.15), or, with {@code responder=no} (the default entry
 * {@code request-only}), that we ask for an address as a road-warrior client.
 *
 * @param addressPool         responder: the {@code /ip pool} to lease from (null: {@code address} or none)
 * @param address             responder: the one address to give instead of a pool (null: use the pool)
 * @param addressPrefixLength responder: sent as INTERNAL_IP4_NETMASK (RouterOS default 32)
 * @param splitInclude        responder: networks reachable through the tunnel (INTERNAL_IP4_SUBNET);
 *                            empty means everything (0.0.0.0/0)
 * @param dns                 responder: INTERNAL_IP4_DNS servers ({@code static-dns}, or {@code /ip dns} with {@code system-dns=yes})
 * @param splitDns            responder: {@code split-dns} domains (IKEv2 INTERNAL_DNS_DOMAIN, RFC 8598; IKEv1 UNITY_SPLITDNS_NAME)
 */
public record ModeConfig(String name, boolean responder, String addressPool, InetAddress address, int addressPrefixLength,
                         List<IpPrefix> splitInclude, List<InetAddress> dns, List<String> splitDns) {
    public ModeConfig(String name, boolean responder, String addressPool, InetAddress address, int addressPrefixLength,
                      List<IpPrefix> splitInclude, List<InetAddress> dns) {
        this(name, responder, addressPool, address, addressPrefixLength, splitInclude, dns, List.of());
    }

    public ModeConfig {
        splitInclude = List.copyOf(splitInclude);
        dns = List.copyOf(dns);
        splitDns = List.copyOf(splitDns);
        if (addressPrefixLength < 1 || addressPrefixLength > 32) throw new IllegalArgumentException("address-prefix-length " + addressPrefixLength);
        if (address != null && address.getAddress().length != 4) throw new IllegalArgumentException("address must be an IPv4 address");
    }

    /** RouterOS's default entry: a client that asks for an address. */
    public static ModeConfig requestOnly() { return new ModeConfig("request-only", false, null, null, 32, List.of(), List.of()); }
}
