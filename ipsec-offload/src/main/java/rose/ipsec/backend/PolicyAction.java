package rose.ipsec.backend;

/** RouterOS {@code /ip ipsec policy action=}: encrypt (XFRM allow + template), none (bypass), discard (block). */
public enum PolicyAction { ENCRYPT, NONE, DISCARD }
