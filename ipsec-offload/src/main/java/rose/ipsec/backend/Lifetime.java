package rose.ipsec.backend;

/**
 * Soft and hard limits of an SA (XFRM's {@code xfrm_lifetime_cfg}); 0 means no limit, like
 * RouterOS's {@code lifetime=0s}. Soft is the rekey point (an event to IKE), hard deletes the SA
 * (RouterOS {@code add-lifetime=soft/hard}, e.g. 24m/30m for a 30m proposal lifetime).
 */
public record Lifetime(long softSeconds, long hardSeconds, long softBytes, long hardBytes,
                       long softPackets, long hardPackets) {
    public static final Lifetime UNLIMITED = new Lifetime(0, 0, 0, 0, 0, 0);

    public Lifetime {
        check("seconds", softSeconds, hardSeconds);
        check("bytes", softBytes, hardBytes);
        check("packets", softPackets, hardPackets);
    }

    private static void check(String what, long soft, long hard) {
        if (soft < 0 || hard < 0) throw new IllegalArgumentException("negative " + what + " lifetime");
        if (soft > 0 && hard > 0 && soft > hard) throw new IllegalArgumentException("soft " + what + " " + soft + " after hard " + hard);
    }

    public static Lifetime ofSeconds(long soft, long hard) { return new Lifetime(soft, hard, 0, 0, 0, 0); }
    public Lifetime withBytes(long soft, long hard) { return new Lifetime(softSeconds, hardSeconds, soft, hard, softPackets, hardPackets); }
    public Lifetime withPackets(long soft, long hard) { return new Lifetime(softSeconds, hardSeconds, softBytes, hardBytes, soft, hard); }
}
