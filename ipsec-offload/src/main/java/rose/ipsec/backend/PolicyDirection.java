package rose.ipsec.backend;

/** XFRM_POLICY_IN / OUT / FWD (FWD: forwarded traffic arriving decrypted, checked like IN). */
public enum PolicyDirection { IN, OUT, FWD }
