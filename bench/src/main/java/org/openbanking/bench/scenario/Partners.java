package org.openbanking.bench.scenario;

import java.util.ArrayList;
import java.util.List;

import org.openbanking.bench.Log;
import org.openbanking.bench.load.FixedRateLoad;
import org.openbanking.bench.load.LoadResult;
import org.openbanking.bench.load.Target;
import org.openbanking.bench.platform.Api;
import org.openbanking.bench.platform.BenchStack;
import org.openbanking.bench.platform.Fixtures;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How cost grows with partners: the balances call spread over 1, 2, 4 and 8 partners, each with its own token,
 * consent, rate-limit bucket and cached decision: throughput at saturation, and p50/p99 at one fixed rate.
 */
public final class Partners {

    private final Context ctx;

    public Partners(Context ctx) {
        this.ctx = ctx;
    }

    public ObjectNode run(int fixedRate) {
        var s = ctx.settings();
        int most = s.partnerLevels().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Fixtures.Partner> partners = ctx.fixtures().partners(most);
        List<Fixtures.Consent> consents = new ArrayList<>();
        for (Fixtures.Partner partner : partners) {
            consents.add(ctx.fixtures().authorisedConsent(partner, List.of("ReadAccountsBasic", "ReadBalances"),
                    List.of(Fixtures.demoAccount())));
        }
        ObjectNode out = Api.JSON.createObjectNode();
        out.put("call", "GET balances, requests rotating over the partners");
        out.put("fixedRate", fixedRate);
        ArrayNode levels = out.putArray("levels");
        for (int n : s.partnerLevels()) {
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                targets.add(ctx.partnerCall("partner-" + i, BenchStack.GATEWAY,
                        Context.balances(Fixtures.demoAccount()), consents.get(i)));
            }
            ctx.check(targets);
            ctx.wrk().run(targets, s.warmUp()); // warm the new partners' paths
            LoadResult sat = ctx.wrk().run(targets, s.partnerRun());
            ctx.requireValid(sat, n + " partners, saturation", targets.get(0));
            LoadResult fixed = FixedRateLoad.run(targets, fixedRate, s.warmUp(), s.partnerRun());
            ctx.requireValid(fixed, n + " partners, fixed rate", targets.get(0));
            Log.say("%d partner(s): %6.0f req/s at saturation; at %d req/s p50 %.2f ms p99 %.2f ms", n,
                    sat.throughput(), fixedRate, fixed.p50Ms(), fixed.p99Ms());
            ObjectNode level = levels.addObject();
            level.put("partners", n);
            level.put("saturationReqPerSec", sat.throughput());
            level.put("p50Ms", fixed.p50Ms());
            level.put("p99Ms", fixed.p99Ms());
        }
        double first = levels.get(0).path("saturationReqPerSec").asDouble();
        double last = levels.get(levels.size() - 1).path("saturationReqPerSec").asDouble();
        out.put("throughputRatioMostToOne", last / first);
        out.put("p99RatioMostToOne", levels.get(levels.size() - 1).path("p99Ms").asDouble()
                / levels.get(0).path("p99Ms").asDouble());
        return out;
    }
}
