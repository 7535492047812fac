package org.openbanking.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;

import org.openbanking.bench.load.Wrk;
import org.openbanking.bench.platform.Api;
import org.openbanking.bench.platform.BenchStack;
import org.openbanking.bench.platform.Fixtures;
import org.openbanking.bench.platform.Tokens;
import org.openbanking.bench.proxy.NginxProxy;
import org.openbanking.bench.report.Markdown;
import org.openbanking.bench.scenario.Context;
import org.openbanking.bench.scenario.DataScale;
import org.openbanking.bench.scenario.Footprint;
import org.openbanking.bench.scenario.GatewayCost;
import org.openbanking.bench.scenario.Partners;
import org.openbanking.bench.scenario.Revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code bench/run [--smoke] [--reset] [--profile]}: starts the platform with the launcher, runs every scenario, writes
 * latest.json and latest.md (bench/results, or bench/target/smoke for --smoke), and stops everything it started. Exits
 * non-zero when a scenario produced no valid numbers; missed targets are reported, not failed. {@code --reset} starts
 * from empty databases; {@code --profile} records each service with Java Flight Recorder (bench/target/profile).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        List<String> options = List.of(args);
        Settings settings = options.contains("--smoke") ? Settings.smokeRun() : Settings.fullRun();
        Path root = Path.of(System.getProperty("ob.root", ".")).toAbsolutePath().normalize();

        long started = System.nanoTime();
        Log.say("%s run: starting the platform on ports 28080… (data in bench/target/stack)",
                settings.smoke() ? "smoke" : "full");

        Path profile = options.contains("--profile") ? root.resolve("bench/target/profile") : null;
        // Only a plain full run updates bench/results: a profiled run is slower, a smoke run is not a measurement.
        Path outDir = settings.smoke()
                ? root.resolve("bench/target/smoke")
                : profile != null ? profile : root.resolve("bench/results");
        BenchStack stack = new BenchStack(root, options.contains("--reset"), settings.rateLimitPerSecond(), profile);
        NginxProxy nginx = new NginxProxy(root.resolve("bench/target/nginx"));
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopAll = () -> {
            if (stopped.compareAndSet(false, true)) {
                Log.say("stopping everything it started");
                nginx.close();
                stack.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stopAll));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(settings.timeLimit().toMillis());
                System.err.println("ERROR: the benchmark exceeded its " + settings.timeLimit().toMinutes()
                        + " minutes; stopping");
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();

        int exit = 0;
        try {
            ObjectNode results = run(settings, root, stack, nginx, started);
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("latest.json"), Api.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(results) + "\n");
            String md = Markdown.of(results);
            Files.writeString(outDir.resolve("latest.md"), md);
            System.out.println();
            System.out.println(md);
            Log.say("written: %s and %s", outDir.resolve("latest.json"), outDir.resolve("latest.md"));
            if (!results.path("failures").isEmpty()) {
                System.err.println("ERROR: " + results.path("failures").size() + " scenario(s) produced no valid numbers: "
                        + results.path("failures"));
                exit = 1;
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("ERROR: " + e.getMessage());
            e.printStackTrace();
            exit = 1;
        } finally {
            watchdog.interrupt();
            stopAll.run();
        }
        System.exit(exit);
    }

    private static ObjectNode run(Settings settings, Path root, BenchStack stack, NginxProxy nginx, long started) {
        ObjectNode results = Api.JSON.createObjectNode();
        results.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        results.put("smoke", settings.smoke());
        results.put("command", "flock /tmp/ob-maven.lock bench/run" + (settings.smoke() ? " --smoke" : "")
                + "   (or just bench/run when nothing else builds or benchmarks on the machine)");
        results.set("machine", Machine.describe());

        stack.start();
        stack.secondGateway();
        results.put("stackStartSeconds", (System.nanoTime() - started) / 1e9);
        Api api = new Api(stack.keycloakUrl());
        Tokens tokens = new Tokens(api);
        Fixtures fixtures = new Fixtures(api, stack);
        Log.say("scale data: %d and %d rows", settings.smallRows(), settings.largeRows());
        String small = fixtures.scaleAccount(settings.smallRows());
        String large = fixtures.scaleAccount(settings.largeRows());
        Log.say("scale data in place");
        Fixtures.Consent data = fixtures.authorisedConsent(Fixtures.DEMO_PARTNER, Fixtures.DATA_PERMISSIONS,
                List.of(Fixtures.demoAccount(), small, large));
        Context ctx = new Context(settings, stack, api, tokens, fixtures,
                new Wrk(root.resolve("bench/target/work"), 2, settings.connections()),
                root.resolve("bench/target/work"), data, small, large);

        // A scenario that fails is recorded with its error and the others still run; the run then exits non-zero.
        ArrayNode failures = results.putArray("failures");
        ObjectNode receipts = Api.JSON.createObjectNode();
        scenario(results, failures, "gatewayCost", () -> new GatewayCost(ctx, nginx).run(receipts));
        results.set("receipts", receipts);
        int balancesRate = results.path("gatewayCost").path("endpoints").path("balances").path("fixedRate").path("rate")
                .asInt(settings.scaleRate());
        scenario(results, failures, "partners", () -> new Partners(ctx).run(balancesRate));
        scenario(results, failures, "dataScale", () -> new DataScale(ctx).run());
        scenario(results, failures, "revocation", () -> new Revocation(ctx).run());
        scenario(results, failures, "footprint", () -> new Footprint(ctx).run());
        results.set("targets", targets(results));
        results.put("runSeconds", (System.nanoTime() - started) / 1e9);
        return results;
    }

    private static void scenario(ObjectNode results, ArrayNode failures, String name,
            Supplier<ObjectNode> run) {
        try {
            results.set(name, run.get());
        } catch (RuntimeException e) {
            Log.say("ERROR in %s: %s", name, e.getMessage());
            e.printStackTrace();
            failures.addObject().put("scenario", name).put("error", String.valueOf(e.getMessage()));
        }
    }

    /** The targets against what was measured ("failed" where the scenario produced no numbers). */
    private static ArrayNode targets(JsonNode r) {
        ArrayNode targets = Api.JSON.createArrayNode();
        JsonNode endpoints = r.path("gatewayCost").path("endpoints");
        for (String e : new String[]{"balances", "transactions"}) {
            JsonNode ratio = endpoints.path(e).path("saturation").path("ratio");
            add(targets, "gateway/nginx throughput at saturation, " + e, "≥ 0.70", ratio, v -> v >= 0.7, "%.2f");
        }
        for (String e : new String[]{"balances", "transactions"}) {
            JsonNode ratio = endpoints.path(e).path("fixedRate").path("p99Ratio");
            add(targets, "gateway/nginx p99 at a fixed rate, " + e, "≤ 1.50", ratio, v -> v <= 1.5, "%.2f");
        }
        add(targets, "revocation p99, both replicas refuse", "≤ 1000 ms (aim ≤ 100 ms)",
                r.path("revocation").path("bothReplicas").path("p99Ms"), v -> v <= 1000, "%.1f ms");
        for (String page : new String[]{"firstPage", "deepPage"}) {
            add(targets, "transactions page p50, " + r.path("dataScale").path("rows").asText("many vs few rows") + ", "
                    + (page.equals("firstPage") ? "first page" : "deep page"), "≈ 1 (0.8–1.25)",
                    r.path("dataScale").path(page + "P50Ratio"), v -> v >= 0.8 && v <= 1.25, "%.2f");
        }
        return targets;
    }

    private static void add(ArrayNode targets, String figure, String target, JsonNode measured,
            DoublePredicate met, String format) {
        boolean present = measured.isNumber();
        targets.addObject().put("figure", figure).put("target", target)
                .put("measured", present ? String.format(Locale.ROOT, format, measured.asDouble()) : "failed")
                .put("met", present && met.test(measured.asDouble()));
    }
}
