/**
 * {@code rose lab}: several appliances in one JVM on memory wires, stepped on one manual clock
 * ({@link rose.appliance.lab.StepTime}); a YAML {@link rose.appliance.lab.Topology} says which
 * routers and hosts exist, their startup scripts and links. The default is the Seattle-Boise
 * network ({@code seattle-boise.yaml} beside this package's classes).
 */
package rose.appliance.lab;
