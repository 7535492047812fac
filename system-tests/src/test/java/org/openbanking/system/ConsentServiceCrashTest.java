package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbanking.launcher.Stack;

/**
 * consent-service hangs, then crashes (kill -9), during a partner data load; then it is started again. While it cannot
 * answer, nothing is served: no decision, or no receipt, means no data, even for calls with the user present whose
 * permit the gateway had cached. Afterwards the gateway serves again by itself.
 */
class ConsentServiceCrashTest {

    static final String GATEWAY = FaultStack.GATEWAY_URL;
    static Stack stack;

    @BeforeAll
    static void faultStack() {
        stack = FaultStack.start();
    }

    /** Whatever happened above, the next test finds consent-service running. */
    @AfterEach
    void consentServiceBack() {
        FaultStack.ensureReady("consent-service");
    }

    @Test
    void nothingIsServedWithoutConsentServiceAndServiceResumesOnItsOwn() {
        String partner = Tokens.partner();
        String alice = Tokens.user("alice");
        List<String> accounts = Setup.accountsOf(GATEWAY, alice);
        int workers = 8; // half with the user present (cached permits), half without (consent-service decides each)
        List<String> consents = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            consents.add(Setup.authorisedConsent(GATEWAY, partner, alice, accounts, 100));
        }
        // Every hop warm (and the user-present permits cached) before the fault.
        Set<String> warmUps = new HashSet<>();
        consents.forEach(c -> warmUps.add(
                Setup.awaitServed(GATEWAY, partner, c, "/accounts/" + accounts.get(0) + "/balances").interactionId()));
        Load load = new Load("crash-load", workers, 200, (worker, i) -> {
            boolean userPresent = worker % 2 == 0;
            String account = accounts.get(i % accounts.size());
            String path = "/accounts/" + account + (i % 4 < 2 ? "/balances" : "/transactions");
            String consent = consents.get(worker);
            return new Load.Call(worker, consent, userPresent, Timed.read(GATEWAY, partner, consent, path, userPresent));
        });
        // A probe consent whose permit the gateway holds in its cache (read with the user present just before the fault).
        String probe = Setup.authorisedConsent(GATEWAY, partner, alice, accounts, 100);
        String probePath = "/accounts/" + accounts.get(0) + "/balances";
        long frozen;
        long killed;
        long restarting;
        long ready;
        long startToReady;
        double cachedWhileFrozen;
        Timed.Reply probed;
        boolean servedAgain;
        try {
            Timed.pause(3000);
            for (int i = 0; i < 2; i++) {
                warmUps.add(Setup.awaitServed(GATEWAY, partner, probe, probePath).interactionId());
            }
            double cachedBefore = GatewayMetrics.cachedDecisions(GATEWAY);
            stack.freeze("consent-service", true);
            frozen = System.nanoTime();
            // The cached permit still decides (the event stream has not been quiet for 3 s yet: FaultStack) and the data is
            // fetched, but the receipt cannot be stored: nothing is sent.
            probed = Timed.read(GATEWAY, partner, probe, probePath, true);
            Timed.pause(Math.max(0, 4000 - Timed.millisSince(frozen)));
            cachedWhileFrozen = GatewayMetrics.cachedDecisions(GATEWAY) - cachedBefore;
            stack.kill("consent-service");
            killed = System.nanoTime();
            Timed.pause(4000);
            restarting = System.nanoTime();
            startToReady = stack.restart("consent-service").toMillis();
            ready = System.nanoTime();
            servedAgain = load.awaitCall(c -> c.start() >= ready && c.status() == 200 && c.userPresent(), 30_000)
                    && load.awaitCall(c -> c.start() >= ready && c.status() == 200 && !c.userPresent(), 30_000);
            Timed.pause(2000);
        } finally {
            load.stop();
        }
        List<Load.Call> calls = load.stop();

        assertTrue(servedAgain, "the gateway served again after consent-service was back");
        List<Load.Call> unanswered = calls.stream().filter(c -> c.status() == -1).toList();
        assertEquals(List.of(), unanswered, "every call was answered");
        List<Load.Call> duringOutage = calls.stream().filter(c -> c.start() >= frozen && c.start() < restarting).toList();
        List<Load.Call> servedDuringOutage = duringOutage.stream().filter(c -> c.status() == 200).toList();
        assertEquals(List.of(), servedDuringOutage, "no data while consent-service was frozen or down");
        assertTrue(duringOutage.stream().allMatch(c -> c.reply().isUnavailable()),
                "while consent-service was frozen or down every data call got 503 with Retry-After in the envelope");
        assertTrue(probed.isUnavailable(), "a cached permit without a stored receipt sends nothing: " + probed);
        assertTrue(cachedWhileFrozen > 0, "calls with the user present were decided from cached permits while frozen");
        List<Load.Call> unexpected = calls.stream()
                .filter(c -> c.status() != 200 && !c.reply().isUnavailable()).toList();
        assertEquals(List.of(), unexpected, "every answer is data or the fail-closed 503");
        for (int w = 0; w < workers; w++) {
            int worker = w;
            assertTrue(calls.stream().anyMatch(c -> c.worker() == worker && c.reply().end() < frozen && c.status() == 200),
                    "worker " + w + " was served before the fault");
        }

        // Every response that carried data has its receipt; a receipt without a response can only be one whose
        // batch committed just before the freeze, answered 503 because its confirmation never came.
        List<String> receipts = new ArrayList<>(Setup.receiptInteractionIds(FaultStack.jdbc("consent"),
                concat(consents, probe)));
        assertTrue(!receipts.contains(probed.interactionId()), "the probe's refused call has no receipt");
        assertTrue(receipts.containsAll(warmUps), "the warm-up calls have their receipts");
        receipts.removeAll(warmUps);
        Set<String> receiptIds = new HashSet<>(receipts);
        assertEquals(receipts.size(), receiptIds.size(), "one receipt per call");
        List<Load.Call> served = calls.stream().filter(c -> c.status() == 200).toList();
        List<Load.Call> servedWithoutReceipt = served.stream()
                .filter(c -> !receiptIds.contains(c.reply().interactionId())).toList();
        assertEquals(List.of(), servedWithoutReceipt, "every data response has its receipt");
        Set<String> servedIds = served.stream().map(c -> c.reply().interactionId()).collect(Collectors.toSet());
        List<Load.Call> receiptWithout200 = calls.stream()
                .filter(c -> receiptIds.contains(c.reply().interactionId()) && !servedIds.contains(c.reply().interactionId()))
                .toList();
        assertTrue(receiptWithout200.stream().allMatch(c -> c.start() < frozen && c.reply().end() > frozen),
                "a receipt without data belongs to a call in flight when consent-service froze: " + receiptWithout200);
        assertEquals(receipts.size(), served.size() + receiptWithout200.size(), "no receipt of an unknown call");

        long firstPresent = firstServedAfter(calls, ready, true);
        long firstAbsent = firstServedAfter(calls, ready, false);
        // The breakers (open 5 s after a failed probe) close at their next probe: seconds, no manual reset.
        assertTrue(Math.max(firstPresent, firstAbsent) <= 20_000,
                "served again within 20 s of consent-service being ready: " + firstPresent + " / " + firstAbsent + " ms");
        System.out.printf("[faults] consent-service frozen 4 s then killed (kill -9) under load: %d data calls by %d "
                + "workers; %d while frozen or down, all 503 with Retry-After (%d decided from a cached permit of a "
                + "user-present call, the probe's included: %d ms, 503), 0 served; %d responses with data, %d receipts (%d receipts of calls in flight at "
                + "the freeze that answered 503); restart to ready %d ms; first data after ready: user present %d ms, "
                + "not present %d ms; kill to serving again %d ms%n",
                calls.size(), workers, duringOutage.size(), (long) cachedWhileFrozen, probed.millis(), served.size(),
                receipts.size(),
                receiptWithout200.size(), startToReady, firstPresent, firstAbsent,
                (ready - killed) / 1_000_000 + Math.max(firstPresent, firstAbsent));
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    private static long firstServedAfter(List<Load.Call> calls, long ready, boolean userPresent) {
        return calls.stream().filter(c -> c.userPresent() == userPresent && c.start() >= ready && c.status() == 200)
                .mapToLong(c -> (c.reply().end() - ready) / 1_000_000).min().orElse(Long.MAX_VALUE);
    }
}
