package org.openbanking.bench.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** The results as Markdown tables: every figure and ratio of latest.json, the machine and the date. */
public final class Markdown {

    private final StringBuilder md = new StringBuilder();

    private Markdown() {
    }

    public static String of(JsonNode r) {
        return new Markdown().render(r);
    }

    private String render(JsonNode r) {
        JsonNode m = r.path("machine");
        line("# Benchmark results" + (r.path("smoke").asBoolean() ? " (smoke run: tiny data, seconds per scenario)" : ""));
        line("");
        line("- Date: " + r.path("date").asText() + "; whole run " + f0(r.path("runSeconds").asDouble())
                + " s (stack start " + f0(r.path("stackStartSeconds").asDouble()) + " s)");
        line("- Machine: " + m.path("cpus").asInt() + " CPUs (" + m.path("cpuModel").asText() + "), "
                + f1(m.path("memoryGiB").asDouble()) + " GiB RAM, " + m.path("os").asText() + ", Java "
                + m.path("java").asText() + "; shared and noisy: read the ratios, measured side by side in one run");
        line("- Command: `" + r.path("command").asText() + "`");
        line("");
        for (JsonNode f : r.path("failures")) {
            line("**FAILED: " + f.path("scenario").asText() + "**: " + f.path("error").asText());
            line("");
        }
        targets(r.path("targets"));
        if (r.has("gatewayCost") && r.path("gatewayCost").size() > 0) {
            gateway(r.path("gatewayCost"));
        }
        if (r.has("receipts") && r.path("receipts").size() > 0) {
            receipts(r.path("receipts"));
        }
        if (r.has("revocation") && r.path("revocation").size() > 0) {
            revocation(r.path("revocation"));
        }
        if (r.has("dataScale") && r.path("dataScale").size() > 0) {
            scale(r.path("dataScale"));
        }
        if (r.has("footprint") && r.path("footprint").size() > 0) {
            footprint(r.path("footprint"));
        }
        if (r.has("partners") && r.path("partners").size() > 0) {
            partners(r.path("partners"));
        }
        return md.toString();
    }

    private void targets(JsonNode targets) {
        line("## Targets");
        line("");
        line("| figure | target | measured | |");
        line("|---|---|---|---|");
        for (JsonNode t : targets) {
            line("| " + t.path("figure").asText() + " | " + t.path("target").asText() + " | " + t.path("measured").asText()
                    + " | " + (t.path("met").asBoolean() ? "met" : "**gap**") + " |");
        }
        line("");
    }

    private void gateway(JsonNode g) {
        line("## Gateway cost: (a) gateway with every check vs (b) plain nginx to accounts-service");
        line("");
        line("Rate limit " + g.path("rateLimit").asText() + ". " + g.path("load").asText() + "; " + g.path("rounds").asInt()
                + " alternating rounds (a b, then b a) of " + g.path("saturationSeconds").asInt() + " s at saturation and "
                + g.path("fixedRateSeconds").asInt()
                + " s at the fixed rate (a quarter of the gateway's saturation throughput, the same for both paths).");
        line("");
        line("| call | path | req/s at saturation (rounds) | mean req/s | fixed rate | p50 ms (rounds) | p99 ms (rounds) |");
        line("|---|---|---|---|---|---|---|");
        JsonNode endpoints = g.path("endpoints");
        for (Iterator<Map.Entry<String, JsonNode>> it = endpoints.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode sat = e.getValue().path("saturation");
            JsonNode fixed = e.getValue().path("fixedRate");
            String call = e.getKey().equals("balances") ? "GET balances" : "GET transactions (page of 100)";
            line("| " + call + " | (a) gateway | " + list(sat.path("gatewayReqPerSec"), 0) + " | "
                    + f0(sat.path("gatewayMean").asDouble()) + " | " + fixed.path("rate").asInt() + "/s | "
                    + list(fixed.path("gatewayP50Ms"), 2) + " | " + list(fixed.path("gatewayP99Ms"), 2) + " |");
            line("| | (b) nginx | " + list(sat.path("nginxReqPerSec"), 0) + " | " + f0(sat.path("nginxMean").asDouble())
                    + " | " + fixed.path("rate").asInt() + "/s | " + list(fixed.path("nginxP50Ms"), 2) + " | "
                    + list(fixed.path("nginxP99Ms"), 2) + " |");
            line("| | **ratio a/b** | | **" + f2(sat.path("ratio").asDouble()) + "** | | **" + f2(fixed.path("p50Ratio")
                    .asDouble()) + "** | **" + f2(fixed.path("p99Ratio").asDouble()) + "** |");
        }
        line("");
        line("CPU per call at saturation, µs, by process (from /proc/<pid>/stat; PostgreSQL's backends by database):");
        line("");
        List<String> columns = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = endpoints.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String path : new String[]{"gateway", "nginx"}) {
                columns.add(e.getKey() + "/" + path);
                e.getValue().path("cpuMicrosPerRequestAtSaturation").path(path).fieldNames().forEachRemaining(groups::add);
            }
        }
        StringBuilder header = new StringBuilder("| process |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String c : columns) {
            String[] parts = c.split("/");
            header.append(' ').append(parts[0]).append(parts[1].equals("gateway") ? " (a)" : " (b)").append(" |");
            rule.append("---|");
        }
        line(header.toString());
        line(rule.toString());
        double[] totals = new double[columns.size()];
        for (String group : groups) {
            StringBuilder row = new StringBuilder("| " + group + " |");
            for (int i = 0; i < columns.size(); i++) {
                String[] parts = columns.get(i).split("/");
                double v = endpoints.path(parts[0]).path("cpuMicrosPerRequestAtSaturation").path(parts[1]).path(group)
                        .asDouble(0);
                if (!group.startsWith("wrk") && !group.startsWith("bench")) {
                    totals[i] += v; // the platform's CPU, without the load generators
                }
                row.append(' ').append(v == 0 ? "" : f0(v)).append(" |");
            }
            line(row.toString());
        }
        StringBuilder total = new StringBuilder("| **platform (all but the load generators)** |");
        for (double t : totals) {
            total.append(" **").append(f0(t)).append("** |");
        }
        line(total.toString());
        StringBuilder ratio = new StringBuilder("| **CPU ratio b/a** (the cost ratio) |");
        for (int i = 0; i < columns.size(); i += 2) {
            JsonNode cpu = endpoints.path(columns.get(i).split("/")[0]).path("cpuMicrosPerRequestAtSaturation");
            ratio.append(" **").append(f2(cpu.path("ratioNginxToGateway").asDouble())).append("** | |");
        }
        line(ratio.toString());
        line("");
        line("nginx RSS: " + f1(g.path("nginxRssMiB").asDouble()) + " MiB (master and workers).");
        line("");
    }

    private void receipts(JsonNode r) {
        line("## Receipts under load (gateway runs of the table above)");
        line("");
        line("| load | receipts/s | receipt batches/s | mean batch size | consent-service + its DB, CPU µs per receipt |"
                + " share of the path's CPU | access decisions from the gateway's cache |");
        line("|---|---|---|---|---|---|---|");
        for (String kind : new String[]{"saturation", "fixedRate"}) {
            JsonNode k = r.path(kind);
            if (k.isMissingNode()) {
                continue;
            }
            line("| " + (kind.equals("saturation") ? "saturation" : "fixed rate") + " | "
                    + f0(k.path("receiptsPerSecond").asDouble()) + " | " + f0(k.path("batchesPerSecond").asDouble()) + " | "
                    + f1(k.path("meanBatchSize").asDouble()) + " | "
                    + f0(k.path("consentSideCpuMicrosPerReceipt").asDouble()) + " | "
                    + pct(k.path("receiptShareOfPathCpu").asDouble()) + " | "
                    + pct(k.path("decisionsFromGatewayCache").asDouble()) + " |");
        }
        line("");
        line("Method: " + r.path("method").asText() + ".");
        line("");
    }

    private void revocation(JsonNode r) {
        line("## Revocation across two gateway replicas");
        line("");
        line("From a revoke returning to the first refused call, over " + r.path("revocations").asInt()
                + " revocations; " + r.path("method").asText() + ".");
        line("");
        line("| replica | p50 ms | p99 ms | max ms | calls still served after the revoke returned (total) |");
        line("|---|---|---|---|---|");
        for (String key : new String[]{"gateway1", "gateway2", "bothReplicas"}) {
            JsonNode k = r.path(key);
            line("| " + (key.equals("bothReplicas") ? "**both** (the slower of the two)" : key) + " | "
                    + f1(k.path("p50Ms").asDouble()) + " | " + f1(k.path("p99Ms").asDouble()) + " | "
                    + f1(k.path("maxMs").asDouble()) + " | "
                    + (k.has("callsServedAfterRevokeReturned") ? k.path("callsServedAfterRevokeReturned").asText() : "")
                    + " |");
        }
        line("");
    }

    private void scale(JsonNode s) {
        line("## Data scale: a transactions page at " + s.path("rows").asText());
        line("");
        line(s.path("method").asText() + ", " + s.path("rate").asInt() + " req/s for " + s.path("seconds").asInt() + " s.");
        line("");
        line("| page | requests | p50 ms | p99 ms |");
        line("|---|---|---|---|");
        s.path("pages").fields().forEachRemaining(e -> line("| " + e.getKey() + " | " + e.getValue().path("count").asLong()
                + " | " + f2(e.getValue().path("p50Ms").asDouble()) + " | " + f2(e.getValue().path("p99Ms").asDouble())
                + " |"));
        line("");
        line("Ratios many/few rows: first page p50 **" + f2(s.path("firstPageP50Ratio").asDouble()) + "**, p99 "
                + f2(s.path("firstPageP99Ratio").asDouble()) + "; deep page p50 **"
                + f2(s.path("deepPageP50Ratio").asDouble()) + "**, p99 " + f2(s.path("deepPageP99Ratio").asDouble()) + ".");
        line("");
    }

    private void footprint(JsonNode f) {
        line("## Footprint (JVM mode, services with -Xmx128m)");
        line("");
        line("| process | startup alone, s | RSS after the load, MiB |");
        line("|---|---|---|");
        f.path("rssMiB").fields().forEachRemaining(e -> {
            JsonNode startup = f.path("startupSeconds").path(e.getKey());
            String name = e.getKey().equals("keycloak")
                    ? "Keycloak dev mode (reference)"
                    : e.getKey().startsWith("gateway-")
                            ? e.getKey() + " (second replica, idle but for revocation)"
                            : e.getKey();
            line("| " + name + " | " + (startup.isMissingNode() ? "not restarted" : f1(startup.asDouble())) + " | "
                    + f0(e.getValue().asDouble()) + " |");
        });
        line("");
        line(f.path("method").asText() + ".");
        line("");
    }

    private void partners(JsonNode p) {
        line("## How cost grows with partners in parallel");
        line("");
        line(p.path("call").asText() + "; saturation with wrk, latency at " + p.path("fixedRate").asInt() + " req/s.");
        line("");
        line("| partners | req/s at saturation | p50 ms | p99 ms |");
        line("|---|---|---|---|");
        for (JsonNode l : p.path("levels")) {
            line("| " + l.path("partners").asInt() + " | " + f0(l.path("saturationReqPerSec").asDouble()) + " | "
                    + f2(l.path("p50Ms").asDouble()) + " | " + f2(l.path("p99Ms").asDouble()) + " |");
        }
        line("");
        line("Most partners vs one: throughput ratio **" + f2(p.path("throughputRatioMostToOne").asDouble())
                + "**, p99 ratio **" + f2(p.path("p99RatioMostToOne").asDouble()) + "**.");
        line("");
    }

    private static String list(JsonNode values, int decimals) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(decimals == 0 ? f0(v.asDouble()) : f2(v.asDouble())));
        return String.join(", ", out);
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
