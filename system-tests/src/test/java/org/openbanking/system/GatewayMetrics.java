package org.openbanking.system;

import java.util.Map;

/** Figures from a gateway's Prometheus endpoint. */
final class GatewayMetrics {

    private GatewayMetrics() {
    }

    /** Partner data calls that the gateway decided from its cache of permits so far. */
    static double cachedDecisions(String gateway) {
        return sum(gateway, "gateway_decisions_total{", "source=\"cache\"");
    }

    static double sum(String gateway, String prefix, String label) {
        Timed.Reply reply = Timed.send("GET", gateway + "/q/metrics", null, null, Map.of("Accept", "text/plain"));
        if (reply.status() != 200) {
            throw new IllegalStateException("metrics of " + gateway + ": " + reply);
        }
        double total = 0;
        for (String line : reply.body().split("\n")) {
            if (line.startsWith(prefix) && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
