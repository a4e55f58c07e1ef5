package rose.dataplane.firewall;

/**
 * ipsec-policy {@code in|out,ipsec|none}. {@code in} asks whether the packet arrived decrypted by
 * an SA (its metadata says so); {@code out} asks the SPD whether it will be encrypted, through
 * {@link IpsecPolicyOracle}. Until the SPD exists every answer is "none".
 */
public record IpsecPolicyMatch(boolean in, boolean ipsec) {
    public static IpsecPolicyMatch parse(String s) {
        String[] p = s.split(",");
        if (p.length != 2) throw new IllegalArgumentException("ipsec-policy needs direction,policy: " + s);
        boolean in;
        switch (p[0].trim()) { case "in": in = true; break; case "out": in = false; break; default: throw new IllegalArgumentException("ipsec-policy direction: " + s); }
        boolean ipsec;
        switch (p[1].trim()) { case "ipsec": ipsec = true; break; case "none": ipsec = false; break; default: throw new IllegalArgumentException("ipsec-policy policy: " + s); }
        return new IpsecPolicyMatch(in, ipsec);
    }

    @Override public String toString() { return (in ? "in" : "out") + "," + (ipsec ? "ipsec" : "none"); }
}
