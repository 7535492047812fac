package org.openbanking.bench.scenario;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.openbanking.bench.Log;
import org.openbanking.bench.load.FixedRateLoad;
import org.openbanking.bench.load.LoadResult;
import org.openbanking.bench.load.Target;
import org.openbanking.bench.measure.CpuWindow;
import org.openbanking.bench.measure.GatewayMetrics;
import org.openbanking.bench.measure.ProcStats;
import org.openbanking.bench.platform.Api;
import org.openbanking.bench.platform.BenchStack;
import org.openbanking.bench.platform.Fixtures;
import org.openbanking.bench.proxy.NginxProxy;
import org.openbanking.sandbox.DemoIdentities;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The same partner call (a) through the gateway with every check, receipt and rate limit on, and (b) through a plain
 * nginx straight to accounts-service: throughput at saturation (wrk) and p50/p99 at a fixed rate (open loop), in
 * alternating rounds (a b, then b a) so that drift of the shared machine hits both alike. Also measures what receipts
 * cost: receipts written per second, batch sizes, and the CPU of consent-service and its database per receipt.
 */
public final class GatewayCost {

    /** The two paths of one endpoint. */
    private record Paths(String name, Target gateway, Target nginx) {
    }

    /**
     * CPU, calls and receipts of several runs of one kind. {@code calls} is the denominator of CPU per call: wrk's
     * count for saturation runs; for fixed-rate runs the receipts stored in the window, which include the warm-up's
     * calls that the window's CPU also includes (each served call has exactly one receipt).
     */
    private static final class Tally {

        final Map<String, Double> cpuMicros = new LinkedHashMap<>();
        long calls;
        long receipts;
        double seconds;
        GatewayMetrics.Batches batches = new GatewayMetrics.Batches(0, 0);
        GatewayMetrics.Decisions decisions = new GatewayMetrics.Decisions(0, 0);

        void add(Map<String, Double> micros, long callsServed, long stored, double windowSeconds, GatewayMetrics.Batches b,
                GatewayMetrics.Decisions d) {
            micros.forEach((group, used) -> cpuMicros.merge(group, used, Double::sum));
            calls += callsServed;
            receipts += stored;
            seconds += windowSeconds;
            batches = new GatewayMetrics.Batches(batches.count() + b.count(), batches.sum() + b.sum());
            decisions = new GatewayMetrics.Decisions(decisions.cached() + d.cached(), decisions.asked() + d.asked());
        }

        Map<String, Double> perCall() {
            Map<String, Double> out = new LinkedHashMap<>();
            cpuMicros.forEach((group, total) -> out.put(group, total / Math.max(1, calls)));
            return out;
        }
    }

    private final Context ctx;
    private final NginxProxy nginx;
    private final Map<String, Tally> receiptTallies = new LinkedHashMap<>();
    private ProcessHandle nginxHandle;
    private long nginxRssKib;

    public GatewayCost(Context ctx, NginxProxy nginx) {
        this.ctx = ctx;
        this.nginx = nginx;
    }

    public ObjectNode run(ObjectNode receiptsOut) {
        ObjectNode out = Api.JSON.createObjectNode();
        var s = ctx.settings();
        out.put("load", ctx.wrk().describe() + " for saturation; a fixed-rate open-loop Java client for latency");
        out.put("saturationSeconds", s.saturation().toSeconds());
        out.put("fixedRateSeconds", s.fixedRate().toSeconds());
        out.put("rounds", s.rounds());
        out.put("rateLimit", "on, set to " + s.rateLimitPerSecond() + "/s per partner (default 50/s)");
        String account = Fixtures.demoAccount();
        warmUp(account);
        ObjectNode endpoints = out.putObject("endpoints");
        receiptTallies.put("saturation", new Tally());
        receiptTallies.put("fixedRate", new Tally());
        for (String endpoint : List.of("balances", "transactions")) {
            String path = endpoint.equals("balances") ? Context.balances(account) : Context.transactions(account);
            Supplier<Paths> paths = () -> new Paths(endpoint,
                    ctx.partnerCall(endpoint, BenchStack.GATEWAY, path, ctx.dataConsent()),
                    ctx.partnerCall(endpoint, NginxProxy.PORT, path, ctx.dataConsent()));
            endpoints.set(endpoint, measure(paths));
        }
        nginx.close();
        out.put("nginxRssMiB", nginxRssKib / 1024.0);
        receiptsOut.setAll(receiptFigures());
        return out;
    }

    /**
     * Gateway traffic over both calls until the JIT compilers have done most of their work, with few connections so
     * that they get CPU; failures are expected while the JVMs are cold and are not counted.
     */
    private void warmUp(String account) {
        var d = ctx.settings().jitWarmUp();
        Log.say("warming up the JVMs for %d s (not measured)", d.toSeconds());
        List<Target> calls = List.of(
                ctx.partnerCall("balances", BenchStack.GATEWAY, Context.balances(account), ctx.dataConsent()),
                ctx.partnerCall("transactions", BenchStack.GATEWAY, Context.transactions(account), ctx.dataConsent()));
        // A third with few connections, the rest at the measured concurrency.
        LoadResult gentle = ctx.wrk().run(calls, d.dividedBy(3), Math.min(8, ctx.settings().connections()));
        LoadResult full = ctx.wrk().run(calls, d.minus(d.dividedBy(3)));
        Log.say("warm-up: %.0f then %.0f calls/s, %d failed while cold", gentle.throughput(), full.throughput(),
                gentle.failed() + full.failed());
    }

    private ObjectNode measure(Supplier<Paths> fresh) {
        ObjectNode out = Api.JSON.createObjectNode();
        Paths paths = fresh.get();
        Log.say("gateway cost: %s", paths.name());
        startNginx();
        List<String> bodies = ctx.check(List.of(paths.gateway(), paths.nginx()));
        int a = bodies.get(0).length();
        int b = bodies.get(1).length();
        if (a < 0.8 * b || a > 1.25 * b) {
            throw new IllegalStateException(paths.name() + ": the two paths answer different payloads (" + a + " vs " + b
                    + " bytes): gateway " + bodies.get(0) + " nginx " + bodies.get(1));
        }
        out.putObject("bodyBytes").put("gateway", a).put("nginx", b);
        var s = ctx.settings();
        // JIT warm-up of both paths, not measured.
        ctx.wrk().run(List.of(paths.gateway()), s.warmUp());
        ctx.wrk().run(List.of(paths.nginx()), s.warmUp());

        List<Double> satA = new ArrayList<>();
        List<Double> satB = new ArrayList<>();
        Tally cpuA = new Tally();
        Tally cpuB = new Tally();
        for (int round = 0; round < s.rounds(); round++) {
            boolean gatewayFirst = round % 2 == 0;
            for (boolean viaGateway : new boolean[]{gatewayFirst, !gatewayFirst}) {
                Paths p = fresh.get();
                if (!viaGateway) {
                    startNginx(); // a fresh service token in its configuration
                }
                Target target = viaGateway ? p.gateway() : p.nginx();
                Window window = new Window(viaGateway);
                LoadResult r = ctx.wrk().run(List.of(target), s.saturation());
                ctx.requireValid(r, p.name() + " saturation via " + (viaGateway ? "gateway" : "nginx"), target);
                window.end(r, viaGateway ? cpuA : cpuB, viaGateway ? receiptTallies.get("saturation") : null);
                (viaGateway ? satA : satB).add(r.throughput());
                Log.say("  saturation %-7s %8.0f req/s", viaGateway ? "gateway" : "nginx",
                        r.throughput());
            }
        }
        ObjectNode sat = out.putObject("saturation");
        sat.set("gatewayReqPerSec", Report.array(satA));
        sat.set("nginxReqPerSec", Report.array(satB));
        sat.put("gatewayMean", Report.mean(satA));
        sat.put("nginxMean", Report.mean(satB));
        sat.put("ratio", Report.mean(satA) / Report.mean(satB));
        ObjectNode cpu = out.putObject("cpuMicrosPerRequestAtSaturation");
        cpu.set("gateway", Report.object(cpuA.perCall()));
        cpu.set("nginx", Report.object(cpuB.perCall()));
        // The platform's CPU per call (every process but the load generators): the cost ratio, less noisy than req/s.
        double platformA = platformCpu(cpuA.perCall());
        double platformB = platformCpu(cpuB.perCall());
        cpu.put("platformGateway", platformA);
        cpu.put("platformNginx", platformB);
        cpu.put("ratioNginxToGateway", platformB / platformA);

        // A quarter of what the gateway path sustains: both paths well below saturation, so that latency shows the
        // work added per call rather than queueing (at half, the gateway path's CPU is half busy and nginx's barely).
        int rate = Math.max(10, (int) Math.round(Report.mean(satA) * 0.25 / 10) * 10);
        List<Double> p50A = new ArrayList<>();
        List<Double> p99A = new ArrayList<>();
        List<Double> p50B = new ArrayList<>();
        List<Double> p99B = new ArrayList<>();
        for (int round = 0; round < s.rounds(); round++) {
            boolean gatewayFirst = round % 2 == 0;
            for (boolean viaGateway : new boolean[]{gatewayFirst, !gatewayFirst}) {
                Paths p = fresh.get();
                if (!viaGateway) {
                    startNginx();
                }
                Target target = viaGateway ? p.gateway() : p.nginx();
                Window window = new Window(viaGateway);
                LoadResult r = FixedRateLoad.run(List.of(target), rate, s.warmUp(), s.fixedRate());
                ctx.requireValid(r, p.name() + " fixed rate via " + (viaGateway ? "gateway" : "nginx"), target);
                if (viaGateway) {
                    window.end(null, receiptTallies.get("fixedRate"), null);
                }
                (viaGateway ? p50A : p50B).add(r.p50Ms());
                (viaGateway ? p99A : p99B).add(r.p99Ms());
                Log.say("  %d req/s   %-7s p50 %6.2f ms  p99 %6.2f ms", rate,
                        viaGateway ? "gateway" : "nginx", r.p50Ms(), r.p99Ms());
            }
        }
        ObjectNode fixed = out.putObject("fixedRate");
        fixed.put("rate", rate);
        fixed.put("rateIs", "a quarter of the gateway's mean saturation throughput");
        fixed.set("gatewayP50Ms", Report.array(p50A));
        fixed.set("gatewayP99Ms", Report.array(p99A));
        fixed.set("nginxP50Ms", Report.array(p50B));
        fixed.set("nginxP99Ms", Report.array(p99B));
        fixed.put("p50Ratio", Report.mean(p50A) / Report.mean(p50B));
        fixed.put("p99Ratio", Report.mean(p99A) / Report.mean(p99B));
        return out;
    }

    /** CPU, receipts and receipt batches around one run. */
    private final class Window {

        final long opened = System.nanoTime();
        final CpuWindow cpu;
        final long receiptsBefore;
        final GatewayMetrics.Batches batchesBefore;
        final GatewayMetrics.Decisions decisionsBefore;

        Window(boolean viaGateway) {
            Map<String, ProcessHandle> extra = viaGateway ? Map.of() : Map.of("nginx", nginxHandle);
            cpu = new CpuWindow(() -> ctx.stack().cpuTicks(extra));
            receiptsBefore = receipts();
            batchesBefore = GatewayMetrics.receiptBatches(ctx.api(), ctx.stack().gateway());
            decisionsBefore = GatewayMetrics.decisions(ctx.api(), ctx.stack().gateway());
        }

        /** @param run the wrk run whose calls were served in the window, or null to take the receipts stored in it */
        void end(LoadResult run, Tally tally, Tally alsoTo) {
            Map<String, Double> micros = new LinkedHashMap<>(cpu.micros());
            if (run != null && run.clientCpuMicros() > 0) {
                micros.put(WRK, run.clientCpuMicros());
            }
            double seconds = (System.nanoTime() - opened) / 1e9;
            GatewayMetrics.Batches batches = GatewayMetrics.receiptBatches(ctx.api(), ctx.stack().gateway())
                    .minus(batchesBefore);
            GatewayMetrics.Decisions decisions = GatewayMetrics.decisions(ctx.api(), ctx.stack().gateway())
                    .minus(decisionsBefore);
            long stored = receipts() - receiptsBefore;
            long served = run == null ? stored : run.ok();
            tally.add(micros, served, stored, seconds, batches, decisions);
            if (alsoTo != null) {
                alsoTo.add(micros, served, stored, seconds, batches, decisions);
            }
        }
    }

    static final String WRK = "wrk (load generator)";

    private static double platformCpu(Map<String, Double> perCall) {
        return perCall.entrySet().stream()
                .filter(e -> !e.getKey().equals(WRK) && !e.getKey().startsWith("bench"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private void startNginx() {
        String serviceToken = ctx.tokens().client("gateway", "gateway-secret");
        nginx.start(ctx.stack().port("accounts-service"), DemoIdentities.ALICE,
                ctx.fixtures().grantQuery(ctx.dataConsent(), serviceToken), serviceToken);
        nginxHandle = nginx.handle();
        long rss = ProcStats.rssKib(nginxHandle.pid()).orElse(0);
        for (ProcessHandle worker : (Iterable<ProcessHandle>) nginxHandle.descendants()::iterator) {
            rss += ProcStats.rssKib(worker.pid()).orElse(0);
        }
        nginxRssKib = Math.max(nginxRssKib, rss);
    }

    private long receipts() {
        try (Connection c = DriverManager.getConnection(ctx.stack().jdbcUrl("consent"), "postgres", "postgres");
                PreparedStatement count = c.prepareStatement("select count(*) from access_receipt where consent_id = ?")) {
            count.setString(1, ctx.dataConsent().id());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count receipts: " + e.getMessage(), e);
        }
    }

    /** Receipts: how many per second, in what batches, and what they cost in consent-service and its database. */
    private ObjectNode receiptFigures() {
        ObjectNode out = Api.JSON.createObjectNode();
        out.put("method", "receipts counted in consent-service's access_receipt table before and after each gateway"
                + " run; batches from the gateway's gateway_receipt_batch_size metric; CPU from /proc of consent-service"
                + " and of PostgreSQL's backends connected to the consent database (with the user present, decisions"
                + " come from the gateway's cache, so that CPU is the receipts'), per receipt and as a share of the"
                + " CPU of every process on the path (gateway, accounts-service, consent-service, PostgreSQL)");
        receiptTallies.forEach((kind, t) -> {
            if (t.calls == 0) {
                return;
            }
            if (t.receipts < t.calls) {
                throw new IllegalStateException("fewer receipts (" + t.receipts + ") than calls served (" + t.calls
                        + "): a call was served without a receipt");
            }
            Map<String, Double> perRequest = t.perCall();
            double receiptSide = perRequest.getOrDefault("consent-service", 0.0)
                    + perRequest.getOrDefault("pg:consent", 0.0);
            double path = 0;
            for (String group : List.of("gateway", "accounts-service", "consent-service", "pg:consent", "pg:accounts",
                    "pg:other")) {
                path += perRequest.getOrDefault(group, 0.0);
            }
            ObjectNode k = out.putObject(kind);
            k.put("receiptsPerSecond", t.receipts / t.seconds);
            k.put("batchesPerSecond", t.batches.count() / t.seconds);
            k.put("meanBatchSize", t.batches.meanSize());
            k.put("consentSideCpuMicrosPerReceipt", receiptSide * t.calls / t.receipts);
            k.put("pathCpuMicrosPerCall", path);
            k.put("receiptShareOfPathCpu", receiptSide / path);
            double decided = t.decisions.cached() + t.decisions.asked();
            k.put("decisionsFromGatewayCache", decided == 0 ? 0 : t.decisions.cached() / decided);
        });
        return out;
    }
}
