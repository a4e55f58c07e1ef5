package rose.dataplane.nat;

/**
 * The router's own addresses as NAT needs them: masquerade takes the out-interface's address
 * (preferring the one on the destination's subnet), redirect the in-interface's. The appliance
 * answers from /ip address; 0 means the interface has none (the packet is then dropped).
 */
public interface NatAddresses {
    int masqueradeAddress(int outIf, int dst);

    int redirectAddress(int inIf);
}
