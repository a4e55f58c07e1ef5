package rose.appliance.dataplane;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import rose.cli.RouterOs;
import rose.cli.db.Effective;
import rose.cli.schema.Menu;
import rose.dataplane.pcap.PcapWriter;

/**
 * {@code /tool sniffer}: {@code set file-name=x.pcap filter-interface=ether1}, then
 * {@code start} and {@code stop}. Frames seen on the interface, both directions, go to a pcap
 * file (Wireshark and tshark read it) under the router's files directory, through the
 * dataplane's capture tap.
 */
final class Sniffer {
    private final RouterDataplane dp;
    private PcapWriter writer;
    private String iface;

    Sniffer(RouterDataplane dp) { this.dp = dp; }

    synchronized boolean running() { return writer != null; }

    synchronized boolean command(String command, Map<String, String> args) {
        switch (command) {
            case "start": return start();
            case "stop": stop(); return true;
            default: return false;
        }
    }

    private boolean start() {
        RouterOs ros = dp.ros();
        Menu m = ros.schema().require("tool sniffer");
        var items = ros.db().state().items("tool sniffer");
        Map<String, String> v = items.isEmpty() ? Map.of() : Effective.values(m, items.get(0));
        String file = v.getOrDefault("file-name", "");
        String ifName = v.getOrDefault("filter-interface", "");
        if (file.isEmpty() || ifName.isEmpty()) {
            ros.log().warning("system", "sniffer: set file-name and filter-interface first");
            return false;
        }
        stop();
        Path path = ros.filesDir().resolve(file.endsWith(".pcap") ? file : file + ".pcap");
        try {
            writer = PcapWriter.open(path);
        } catch (IOException e) {
            ros.log().error("system", "sniffer: cannot write " + path + ": " + e.getMessage());
            return false;
        }
        iface = ifName;
        dp.router().capture(iface, writer);
        ros.log().info("system", "sniffer started on " + iface + " writing " + path.getFileName());
        return true;
    }

    private void stop() {
        if (writer == null) return;
        dp.router().capture(iface, null);
        try {
            writer.close();
        } catch (IOException e) {
            dp.ros().log().error("system", "sniffer: " + e.getMessage());
        }
        dp.ros().log().info("system", "sniffer stopped, " + writer.frames() + " frames");
        writer = null;
    }

}
