package org.openbanking.bench.measure;

import java.util.Map;

import org.openbanking.bench.platform.Api;

/** The gateway's receipt batches and decision sources, from its Prometheus metrics. */
public final class GatewayMetrics {

    /** Batches written and receipts in them, so far. */
    public record Batches(double count, double sum) {

        public Batches minus(Batches earlier) {
            return new Batches(count - earlier.count, sum - earlier.sum);
        }

        public double meanSize() {
            return count == 0 ? 0 : sum / count;
        }
    }

    /** Access decisions taken from the gateway's cache and asked of consent-service, so far. */
    public record Decisions(double cached, double asked) {

        public Decisions minus(Decisions earlier) {
            return new Decisions(cached - earlier.cached, asked - earlier.asked);
        }
    }

    private GatewayMetrics() {
    }

    public static Decisions decisions(Api api, String gatewayUrl) {
        double cached = 0;
        double asked = 0;
        for (String line : metrics(api, gatewayUrl).lines().toList()) {
            if (line.startsWith("gateway_decisions_total")) {
                if (line.contains("source=\"cache\"")) {
                    cached += value(line);
                } else if (line.contains("source=\"consent-service\"")) {
                    asked += value(line);
                }
            }
        }
        return new Decisions(cached, asked);
    }

    /** From the gateway's management port (its API port + 1000): metrics are never on the public one. */
    private static String metrics(Api api, String gatewayUrl) {
        java.net.URI gateway = java.net.URI.create(gatewayUrl);
        String management = "http://" + gateway.getHost() + ":"
                + org.openbanking.launcher.LaunchConfig.managementPort(gateway.getPort());
        return api.get(management + "/q/metrics", null, Map.of()).expect(200, "the gateway's metrics").body();
    }

    public static Batches receiptBatches(Api api, String gatewayUrl) {
        String text = metrics(api, gatewayUrl);
        double count = 0;
        double sum = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("gateway_receipt_batch_size_count")) {
                count += value(line);
            } else if (line.startsWith("gateway_receipt_batch_size_sum")) {
                sum += value(line);
            }
        }
        return new Batches(count, sum);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
