package org.openbanking.system;

import java.net.URI;
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
        // Metrics are on the gateway's management port (its API port + 1000), never on the public one.
        URI api = URI.create(gateway);
        String management = "http://" + api.getHost() + ":"
                + org.openbanking.launcher.LaunchConfig.managementPort(api.getPort());
        Timed.Reply reply = Timed.send("GET", management + "/q/metrics", null, null, Map.of("Accept", "text/plain"));
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
