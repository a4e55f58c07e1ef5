package rose.cli.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address lies in one of a comma-separated list of prefixes ({@code 10.0.0.0/8,::1/128}); empty = anywhere. */
public final class AddressMatch {
    private AddressMatch() {
    }

    public static boolean allowed(String prefixes, InetAddress address) {
        if (prefixes == null || prefixes.isBlank()) return true;
        if (address == null) return false;
        for (String p : prefixes.split(",")) {
            if (inPrefix(p.trim(), address)) return true;
        }
        return false;
    }

    static boolean inPrefix(String prefix, InetAddress address) {
        if (prefix.isEmpty()) return false;
        int slash = prefix.indexOf('/');
        String host = slash < 0 ? prefix : prefix.substring(0, slash);
        byte[] net;
        try {
            // literal addresses only: a name here must never trigger a DNS lookup
            if (!host.matches("[0-9a-fA-F:.]+")) return false;
            net = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        byte[] a = address.getAddress();
        if (a.length == 16 && net.length == 4 && isMappedV4(a)) a = java.util.Arrays.copyOfRange(a, 12, 16);
        if (a.length != net.length) return false;
        int len;
        try {
            len = slash < 0 ? net.length * 8 : Integer.parseInt(prefix.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (len < 0 || len > net.length * 8) return false;
        for (int i = 0; i < len; i++) {
            int bit = 7 - (i % 8);
            if (((a[i / 8] >> bit) & 1) != ((net[i / 8] >> bit) & 1)) return false;
        }
        return true;
    }

    private static boolean isMappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
