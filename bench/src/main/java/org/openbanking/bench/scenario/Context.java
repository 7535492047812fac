package org.openbanking.bench.scenario;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openbanking.bench.Settings;
import org.openbanking.bench.load.LoadResult;
import org.openbanking.bench.load.Target;
import org.openbanking.bench.load.Wrk;
import org.openbanking.bench.platform.Api;
import org.openbanking.bench.platform.BenchStack;
import org.openbanking.bench.platform.Fixtures;
import org.openbanking.bench.platform.Tokens;

/** What every scenario shares: the running platform, clients, and the consent the data calls are made under. */
public record Context(Settings settings, BenchStack stack, Api api, Tokens tokens, Fixtures fixtures, Wrk wrk,
        Path workDir, Fixtures.Consent dataConsent, String smallAccount, String largeAccount) {

    /** A documentation address for x-fapi-customer-ip-address: the user is present, so FrequencyPerDay does not apply. */
    public static final String CUSTOMER_IP = "198.51.100.7";

    /** A partner's data call under a consent, with the user present (still receipted and rate limited). */
    public Target partnerCall(String label, int port, String path, Fixtures.Consent consent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + tokens.partner(consent.partner()));
        headers.put("x-consent-id", consent.id());
        headers.put("x-fapi-customer-ip-address", CUSTOMER_IP);
        headers.put("Accept", "application/json");
        return new Target(label, "localhost", port, path, headers);
    }

    public static String balances(String account) {
        return Api.AISP + "/accounts/" + account + "/balances";
    }

    public static String transactions(String account) {
        return Api.AISP + "/accounts/" + account + "/transactions";
    }

    /** Stops the benchmark when a run has no valid numbers, saying what one more call of the run answers. */
    public void requireValid(LoadResult result, String what, Target sample) {
        try {
            result.requireValid(what);
        } catch (IllegalStateException e) {
            Api.Answer probe = api.get(sample.url(), null, sample.headers());
            String body = probe.body().length() > 300 ? probe.body().substring(0, 300) + "…" : probe.body();
            throw new IllegalStateException(e.getMessage() + "; one more call answers " + probe.status() + " " + body, e);
        }
    }

    /** Sends each target once and returns the bodies; any status but 200 stops the benchmark. */
    public List<String> check(List<Target> targets) {
        return targets.stream().map(t -> api.get(t.url(), null, t.headers()).expect(200, t.label() + " " + t.url()).body())
                .toList();
    }
}
