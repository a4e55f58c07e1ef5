package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The comparison's table, ratios, CSV, JSON and SVG from known cells (no namespaces needed). */
class CompareReportTest {
    private static CompareReport report() {
        List<CompareCell> cells = new ArrayList<>();
        for (int cores : new int[] {1, 2}) {
            for (int size : new int[] {64, 1400}) {
                cells.add(new CompareCell(cores, ComparePath.ROSE_IPSEC, size, 20_000 * cores, 40, null));
                cells.add(new CompareCell(cores, ComparePath.ROSE_ROUTED, size, 40_000 * cores, 30, null));
                cells.add(new CompareCell(cores, ComparePath.STRONGSWAN, size, 10_000 * cores, 50, null));
                cells.add(CompareCell.na(cores, ComparePath.KERNEL, size, "no ESP in this kernel"));
                cells.add(new CompareCell(cores, ComparePath.LINUX_ROUTED, size, 60_000 * cores, 0, null));
            }
        }
        return new CompareReport("aes-128-gcm", "5.9.8", 2, cells);
    }

    @Test
    void tableHasEveryPathWithNumbersOrAReasonAndTheRatios() {
        String t = report().table();
        assertTrue(t.contains("Comparison: single tunnel, AES-128-GCM, iperf3 UDP between host namespaces, 2 s per cell, 1 core\n"), t);
        assertTrue(t.contains(", 2 cores\n"), t);
        // 20 kpps of 1400 B packets = 224 Mbit/s, as MikroTik counts (IP packet size)
        assertTrue(t.matches("(?s).*ROSE IPsec +\\|     20\\.0      224\\.0 \\|     20\\.0       10\\.2\n.*"), t);
        assertTrue(t.contains("strongSwan 5.9.8 userspace ESP"), t);
        assertTrue(t.matches("(?s).*kernel XFRM +\\| +n/a \\| +n/a\n.*"), t);
        assertTrue(t.contains("kernel: n/a (no ESP in this kernel)"), t);
        assertTrue(t.matches("(?s).*ROSE / strongSwan +\\| +2\\.00x \\| +2\\.00x\n.*"), t);
        assertTrue(t.matches("(?s).*ROSE / unencrypted +\\| +0\\.50x \\| +0\\.50x\n.*"), t);
        assertTrue(t.matches("(?s).*ROSE / kernel +\\| +n/a \\| +n/a\n.*"), t);
        // the lab's ceiling: Linux's own forwarding over strongSwan
        assertTrue(t.matches("(?s).*Linux kernel routed, no IPsec +\\|     60\\.0      672\\.0 \\|.*"), t);
        assertTrue(t.matches("(?s).*Linux routed / strongSwan +\\| +6\\.00x \\| +6\\.00x\n.*"), t);
    }

    /** One round at 1400 B, 1 core: ROSE and strongSwan at the given kpps, routed at twice ROSE. */
    private static List<CompareCell> round(double rose, double strongswan) {
        return List.of(new CompareCell(1, ComparePath.ROSE_IPSEC, 1400, rose * 1000, 1, null),
                new CompareCell(1, ComparePath.ROSE_ROUTED, 1400, rose * 2000, 1, null),
                new CompareCell(1, ComparePath.STRONGSWAN, 1400, strongswan * 1000, 1, null),
                CompareCell.na(1, ComparePath.KERNEL, 1400, "no ESP in this kernel"),
                new CompareCell(1, ComparePath.LINUX_ROUTED, 1400, 400_000, 0, null));
    }

    @Test
    void roundsGiveMedianCellsAndTheMedianOfTheRoundsRatiosWithTheirRange() throws Exception {
        // strongSwan's figure swings from round to round; each round's ratio pairs paths measured minutes apart
        CompareReport r = CompareReport.ofRounds("aes-128-gcm", "5.9.8", 3,
                List.of(round(200, 100), round(180, 60), round(220, 50)));
        assertEquals(3, r.rounds());
        assertEquals(200_000, r.cell(1, ComparePath.ROSE_IPSEC, 1400).pps(), 1e-9, "the median round's ROSE");
        assertEquals(60_000, r.cell(1, ComparePath.STRONGSWAN, 1400).pps(), 1e-9, "the median round's strongSwan");
        // the rounds' ratios are 2.0, 3.0 and 4.4: the median is 3.0, not 200/60 (the medians' ratio, 3.33)
        assertEquals(3.0, r.ratio(1, ComparePath.STRONGSWAN, 1400), 1e-9);
        String t = r.table();
        assertTrue(t.contains(", 1 core, median of 3 rounds (ratios: median of the rounds' ratios, range)\n"), t);
        assertTrue(t.matches("(?s).*ROSE / strongSwan +\\| +3\\.00x \\(2\\.00-4\\.40\\)\n.*"), t);
        assertTrue(t.matches("(?s).*ROSE / unencrypted +\\| +0\\.50x \\(0\\.50-0\\.50\\)\n.*"), t);
        assertTrue(t.matches("(?s).*kernel XFRM +\\| +n/a\n.*"), t);
        JsonNode j = new ObjectMapper().readTree(r.json());
        assertEquals(3, j.get("rounds").asInt());
        JsonNode ratios = j.get("ratios").get(0).get("rose_over_strongswan_rounds");
        assertEquals(3, ratios.size());
        assertEquals(2.0, ratios.get(0).asDouble(), 1e-9);
        assertEquals(4.4, ratios.get(2).asDouble(), 1e-9);
        // a path measured in no round stays n/a with its reason; one measured in some rounds takes those
        CompareReport partly = CompareReport.ofRounds("aes-128-gcm", "5.9.8", 3,
                List.of(round(200, 100), List.of(CompareCell.na(1, ComparePath.ROSE_IPSEC, 1400, "failed: tunnel not up"))));
        assertEquals(200_000, partly.cell(1, ComparePath.ROSE_IPSEC, 1400).pps(), 1e-9);
        assertEquals("no ESP in this kernel", partly.cell(1, ComparePath.KERNEL, 1400).unavailable());
    }

    @Test
    void csvHasOneRowPerCellWithNumbersOrTheReason() {
        List<String> lines = report().csv().lines().toList();
        assertEquals("cores,path,algorithm,size_bytes,kpps,mbps,loss_percent,unavailable", lines.get(0));
        assertEquals(1 + 20, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(8, f.length, line);
            if (f[1].equals("kernel")) assertEquals("\"no ESP in this kernel\"", f[7], line);
            else assertTrue(Double.parseDouble(f[4]) > 0 && Double.parseDouble(f[5]) > 0 && f[7].isEmpty(), line);
        }
    }

    @Test
    void jsonParsesWithCellsAndRatios() throws Exception {
        JsonNode j = new ObjectMapper().readTree(report().json());
        assertEquals("aes-128-gcm", j.get("algorithm").asText());
        assertEquals(20, j.get("cells").size());
        for (JsonNode c : j.get("cells")) {
            if (c.get("path").asText().equals("kernel")) assertEquals("no ESP in this kernel", c.get("unavailable").asText());
            else assertTrue(c.get("mbps").asDouble() > 0, c.toString());
        }
        JsonNode r = j.get("ratios").get(0);
        assertEquals(2.0, r.get("rose_over_strongswan").asDouble(), 1e-9);
        assertEquals(0.5, r.get("rose_over_unencrypted").asDouble(), 1e-9);
        assertTrue(r.get("rose_over_kernel").isNull());
    }

    @Test
    void svgIsWellFormedWithABarPerMeasuredCell() throws Exception {
        String svg = report().svg();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        // background + 16 measured bars + a legend swatch per path
        assertEquals(1 + 16 + ComparePath.values().length, d.getElementsByTagName("rect").getLength());
        assertTrue(svg.contains(">n/a</text>"), "unmeasured paths are labelled");
    }
}
