package rose.dataplane.firewall;

/**
 * {@code connection-limit=COUNT,NETMASK}: the packet's source address masked to NETMASK bits
 * already has more than COUNT tracked connections. RouterOS's recipe pairs it with
 * {@code connection-state=new} (or {@code tcp-flags=syn}) and {@code action=drop}.
 */
public record ConnLimitSpec(int count, int netmask) {
    public static ConnLimitSpec parse(String s) {
        String[] p = s.trim().split(",");
        if (p.length != 2) throw new IllegalArgumentException("connection-limit: expected count,netmask: " + s);
        int count = Integer.parseInt(p[0].trim()), mask = Integer.parseInt(p[1].trim());
        if (count < 0 || mask < 0 || mask > 32) throw new IllegalArgumentException("connection-limit: netmask must be 0..32: " + s);
        return new ConnLimitSpec(count, mask);
    }

    public int key(int srcIp) { return netmask == 0 ? 0 : srcIp & (int) (0xffffffffL << (32 - netmask)); }
}
