package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbanking.launcher.LaunchConfig;

/**
 * Nothing lost: under concurrent load from several partners through two gateway replicas, the responses with data that
 * partners received and the access receipts stored are the same set, matched one to one by interaction id.
 */
class ReceiptsMatchResponsesTest {

    static final int WORKERS = 12;
    static final int CALLS_PER_WORKER = 250;
    static LaunchConfig config;
    static List<String> gateways;

    @BeforeAll
    static void twoGateways() {
        config = SystemStack.start();
        gateways = List.of("http://localhost:" + SystemStack.GATEWAY, SystemStack.secondGateway());
    }

    @Test
    void everyResponseWithDataHasExactlyOneReceiptAndEveryReceiptAResponse() {
        String gateway = gateways.get(0);
        String alice = Tokens.user("alice");
        String bob = Tokens.user("bob");
        List<String> aliceAccounts = Setup.accountsOf(gateway, alice);
        List<String> bobAccounts = Setup.accountsOf(gateway, bob);
        // Four partners (each has its own rate limit), each with a consent of alice and one of bob.
        List<String> partners = new ArrayList<>(List.of(Tokens.partner()));
        for (int p = 1; p < 4; p++) {
            partners.add(Setup.onboardPartner(gateway, "Load partner").token());
        }
        record Grant(String partner, String consent, List<String> accounts) {
        }
        List<Grant> grants = new ArrayList<>();
        for (String partner : partners) {
            grants.add(new Grant(partner, Setup.authorisedConsent(gateway, partner, alice, aliceAccounts, 100),
                    aliceAccounts));
            grants.add(new Grant(partner, Setup.authorisedConsent(gateway, partner, bob, bobAccounts, 100), bobAccounts));
        }
        List<String> consents = grants.stream().map(Grant::consent).toList();

        long started = System.nanoTime();
        Load load = new Load("receipts-load", WORKERS, 0, (worker, i) -> {
            Grant grant = grants.get((worker + i) % grants.size());
            String account = grant.accounts().get(i % grant.accounts().size());
            String path = switch (i % 3) {
                case 0 -> "/accounts";
                case 1 -> "/accounts/" + account + "/balances";
                default -> "/accounts/" + account + "/transactions";
            };
            boolean userPresent = i % 5 != 0; // one call in five without the user: decided by consent-service and counted
            String replica = gateways.get((worker + i) % 2);
            return new Load.Call(worker, grant.consent(), userPresent,
                    Timed.read(replica, grant.partner(), grant.consent(), path, userPresent));
        });
        boolean done;
        try {
            done = load.awaitCalls(WORKERS * CALLS_PER_WORKER, 120_000);
        } finally {
            load.stop();
        }
        List<Load.Call> calls = load.stop();
        long millis = Timed.millisSince(started);
        assertTrue(done, "the load finished");

        Map<Integer, Long> byStatus = calls.stream()
                .collect(Collectors.groupingBy(Load.Call::status, TreeMap::new, Collectors.counting()));
        assertEquals(List.of(), calls.stream().filter(c -> c.status() == -1).toList(), "every call was answered");
        List<String> served = calls.stream().filter(c -> c.status() == 200).map(c -> c.reply().interactionId()).toList();
        List<String> receipts = Setup.receiptInteractionIds(jdbcConsent(), consents);
        Set<String> servedSet = new HashSet<>(served);
        Set<String> receiptSet = new HashSet<>(receipts);
        Set<String> receiptsWithoutResponse = new HashSet<>(receiptSet);
        receiptsWithoutResponse.removeAll(servedSet);
        Set<String> responsesWithoutReceipt = new HashSet<>(servedSet);
        responsesWithoutReceipt.removeAll(receiptSet);
        assertEquals(Set.of(), responsesWithoutReceipt, "every response with data has its receipt");
        assertEquals(Set.of(), receiptsWithoutResponse, "every receipt has its response with data");
        assertEquals(served.size(), receipts.size(), "exactly as many receipts as responses with data");
        assertTrue(served.size() > calls.size() / 2, "most calls were served: " + byStatus);

        System.out.printf("[nothing lost] %d data calls by %d workers for %d partners on 2 gateway replicas in %.1f s "
                + "(%.0f calls/s; by status %s): %d responses with data, %d receipts stored, matched one to one by "
                + "interaction id%n",
                calls.size(), WORKERS, partners.size(), millis / 1000.0, calls.size() * 1000.0 / millis, byStatus,
                served.size(), receipts.size());
    }

    static String jdbcConsent() {
        return "jdbc:postgresql://localhost:" + config.postgresPort() + "/consent";
    }
}
