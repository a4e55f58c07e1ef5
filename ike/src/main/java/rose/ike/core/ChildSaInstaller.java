package rose.ike.core;

/**
 * The narrow seam between IKE and wherever SAs live. The appliance implements it over the
 * IpsecBackend (ipsec-offload); tests record what they get. Called on the event-loop thread.
 */
public interface ChildSaInstaller {
    /** Install both directions; inbound before outbound so no packet arrives for a missing SA. */
    void install(NegotiatedChildSa sa);

    /** Remove both directions (delete, DPD death, IKE SA teardown). */
    void remove(NegotiatedChildSa sa, String reason);
}
