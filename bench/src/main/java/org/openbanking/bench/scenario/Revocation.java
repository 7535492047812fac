package org.openbanking.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.openbanking.bench.Log;
import org.openbanking.bench.platform.Api;
import org.openbanking.bench.platform.Fixtures;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Time from a revoke returning to the first refused call, on each of two gateway replicas. Each round: a consent is
 * authorised, both replicas serve it once with the user present (so each has the permit cached: the hard case), alice
 * revokes, and one poller per replica calls in a tight loop until it gets 403.
 */
public final class Revocation {

    private static final long GIVE_UP_MILLIS = 5_000;

    private final Context ctx;

    public Revocation(Context ctx) {
        this.ctx = ctx;
    }

    public ObjectNode run() {
        List<String> gateways = List.of(ctx.stack().gateway(), ctx.stack().secondGateway());
        List<List<Double>> refusedAfter = List.of(new ArrayList<>(), new ArrayList<>());
        List<Double> slowest = new ArrayList<>();
        long[] servedAfterRevoke = new long[2];
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ctx.settings().revocations(); round++) {
                String partner = ctx.tokens().partner(Fixtures.DEMO_PARTNER);
                String alice = ctx.tokens().user("alice");
                String consent = ctx.fixtures().createConsent(partner, List.of("ReadAccountsBasic"));
                ctx.api().post(ctx.stack().gateway() + "/me/consents/" + consent + "/authorise", alice,
                        Map.of("AccountIds", List.of(Fixtures.demoAccount()))).expect(200, "alice authorises");
                for (String gateway : gateways) {
                    read(gateway, partner, consent).expect(200, "a replica serves the consent before the revoke");
                }
                ctx.api().post(ctx.stack().gateway() + "/me/consents/" + consent + "/revoke", alice, null)
                        .expect(200, "alice revokes");
                long returned = System.nanoTime();
                List<Future<long[]>> polls = new ArrayList<>();
                for (String gateway : gateways) {
                    polls.add(pollers.submit(() -> pollUntilRefused(gateway, partner, consent, returned)));
                }
                double worst = 0;
                for (int g = 0; g < 2; g++) {
                    long[] result = polls.get(g).get(GIVE_UP_MILLIS * 2, TimeUnit.MILLISECONDS);
                    double millis = result[0] / 1e6;
                    refusedAfter.get(g).add(millis);
                    servedAfterRevoke[g] += result[1];
                    worst = Math.max(worst, millis);
                }
                slowest.add(worst);
            }
        } catch (Exception e) {
            throw new IllegalStateException("revocation: " + e.getMessage(), e);
        } finally {
            pollers.shutdownNow();
        }
        ObjectNode out = Api.JSON.createObjectNode();
        out.put("revocations", slowest.size());
        out.put("method", "both replicas had the permit cached; one tight-loop poller per replica after the revoke"
                + " returned; the time of the first 403 (resolution: one call, ~1-3 ms)");
        for (int g = 0; g < 2; g++) {
            ObjectNode replica = out.putObject(g == 0 ? "gateway1" : "gateway2");
            replica.put("p50Ms", Report.percentile(refusedAfter.get(g), 50));
            replica.put("p99Ms", Report.percentile(refusedAfter.get(g), 99));
            replica.put("maxMs", Report.percentile(refusedAfter.get(g), 100));
            replica.put("callsServedAfterRevokeReturned", servedAfterRevoke[g]);
        }
        ObjectNode both = out.putObject("bothReplicas");
        both.put("p50Ms", Report.percentile(slowest, 50));
        both.put("p99Ms", Report.percentile(slowest, 99));
        both.put("maxMs", Report.percentile(slowest, 100));
        Log.say("revocation over %d: both replicas refuse after p50 %.1f ms, p99 %.1f ms",
                slowest.size(), both.path("p50Ms").asDouble(), both.path("p99Ms").asDouble());
        return out;
    }

    /** Nanoseconds from the revoke's return to the first 403, and how many calls were still served before it. */
    private long[] pollUntilRefused(String gateway, String partner, String consent, long returned) {
        long served = 0;
        while (true) {
            int status = read(gateway, partner, consent).status();
            long elapsed = System.nanoTime() - returned;
            if (status == 403) {
                return new long[]{elapsed, served};
            }
            if (status != 200) {
                throw new IllegalStateException(gateway + " answered " + status + " while the revoke travelled");
            }
            served++;
            if (elapsed > GIVE_UP_MILLIS * 1_000_000) {
                throw new IllegalStateException(gateway + " still served a revoked consent after " + GIVE_UP_MILLIS + " ms");
            }
        }
    }

    private Api.Answer read(String gateway, String partnerToken, String consent) {
        return ctx.api().get(gateway + Api.AISP + "/accounts", partnerToken, Map.of("x-consent-id", consent,
                "x-fapi-customer-ip-address", Context.CUSTOMER_IP));
    }
}
