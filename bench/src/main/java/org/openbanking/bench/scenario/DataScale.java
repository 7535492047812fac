package org.openbanking.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.openbanking.bench.Log;
import org.openbanking.bench.load.FixedRateLoad;
import org.openbanking.bench.load.LoadResult;
import org.openbanking.bench.load.Target;
import org.openbanking.bench.platform.Api;
import org.openbanking.bench.platform.BenchStack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A transactions page through the gateway for an account with few rows and one with many, in one fixed-rate run whose
 * requests alternate between them (and between the first page and a deep one), so both meet the same noise.
 */
public final class DataScale {

    private final Context ctx;

    public DataScale(Context ctx) {
        this.ctx = ctx;
    }

    public ObjectNode run() {
        var s = ctx.settings();
        String small = label(s.smallRows());
        String large = label(s.largeRows());
        List<Target> targets = new ArrayList<>();
        for (String[] account : new String[][]{{small, ctx.smallAccount()}, {large, ctx.largeAccount()}}) {
            targets.add(page(account[0] + " first page", account[1], null));
        }
        for (String[] account : new String[][]{{small, ctx.smallAccount()}, {large, ctx.largeAccount()}}) {
            targets.add(page(account[0] + " page " + s.deepPage(), account[1], deepToken(account[1], s.deepPage())));
        }
        for (Target t : targets) {
            int count = parse(ctx.check(List.of(t)).get(0)).path("Data").path("Transaction").size();
            if (count != 100) {
                throw new IllegalStateException(t.label() + ": a page of 100 expected, got " + count);
            }
        }
        FixedRateLoad.run(targets, s.scaleRate(), s.warmUp(), s.warmUp()); // warm-up, not measured
        LoadResult r = FixedRateLoad.run(targets, s.scaleRate(), s.warmUp(), s.scaleRun());
        ctx.requireValid(r, "data scale", targets.get(0));
        ObjectNode out = Api.JSON.createObjectNode();
        out.put("rows", small + " vs " + large);
        out.put("rate", s.scaleRate());
        out.put("seconds", s.scaleRun().toSeconds());
        out.put("method", "one fixed-rate run through the gateway, requests alternating over the four pages");
        ObjectNode pages = out.putObject("pages");
        r.byLabel().forEach((label, l) -> pages.putObject(label).put("count", l.count()).put("p50Ms", l.p50Ms())
                .put("p99Ms", l.p99Ms()));
        for (String page : new String[]{"first page", "page " + s.deepPage()}) {
            var a = r.byLabel().get(small + " " + page);
            var b = r.byLabel().get(large + " " + page);
            String key = page.equals("first page") ? "firstPage" : "deepPage";
            out.put(key + "P50Ratio", b.p50Ms() / a.p50Ms());
            out.put(key + "P99Ratio", b.p99Ms() / a.p99Ms());
        }
        Log.say("data scale %s vs %s: first page p50 ratio %.2f, deep page p50 ratio %.2f", small, large,
                out.path("firstPageP50Ratio").asDouble(), out.path("deepPageP50Ratio").asDouble());
        return out;
    }

    private Target page(String label, String account, String pageToken) {
        String path = Context.transactions(account) + (pageToken == null ? "" : "?page-token=" + pageToken);
        return ctx.partnerCall(label, BenchStack.GATEWAY, path, ctx.dataConsent());
    }

    /** The page token of page {@code n}, by following Links.Next through the gateway. */
    private String deepToken(String account, int n) {
        String token = null;
        for (int i = 1; i < n; i++) {
            Target t = page("walk", account, token);
            JsonNode body = parse(ctx.check(List.of(t)).get(0));
            String next = body.path("Links").path("Next").asText(null);
            if (next == null) {
                throw new IllegalStateException("the account has fewer than " + n + " pages");
            }
            token = null;
            for (String pair : URI.create(next).getRawQuery().split("&")) {
                if (pair.startsWith("page-token=")) {
                    // kept URL-encoded: it goes back into a URL
                    token = pair.substring("page-token=".length());
                }
            }
            if (token == null) {
                throw new IllegalStateException("no page token in " + next);
            }
        }
        return token;
    }

    private static JsonNode parse(String body) {
        try {
            return Api.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    static String label(int rows) {
        return rows >= 1_000_000 && rows % 1_000_000 == 0
                ? rows / 1_000_000 + "M rows"
                : rows >= 1000 && rows % 1000 == 0 ? rows / 1000 + "k rows" : rows + " rows";
    }
}
