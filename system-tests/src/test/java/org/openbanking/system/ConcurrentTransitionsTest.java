package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbanking.launcher.LaunchConfig;

/**
 * Users and partners decide the same consents at the same moment, through two gateway replicas, while the partner
 * reads: each consent ends in one final state with a valid history, every success is one transition, and no data call
 * that started after a revoke (or a block) returned is served.
 */
class ConcurrentTransitionsTest {

    static final String PRESENT_BUDGET = "1 s"; // the contract's budget for revocation across replicas
    static LaunchConfig config;
    static List<String> gateways;
    static ExecutorService pool;

    /** One decision and its reply. */
    record Action(String consentId, String kind, Timed.Reply reply) {
    }

    /** One history entry, as stored. */
    record Entry(String from, String to, String actor, String reason) {
    }

    @BeforeAll
    static void twoGateways() {
        config = SystemStack.start();
        gateways = List.of("http://localhost:" + SystemStack.GATEWAY, SystemStack.secondGateway());
        pool = Executors.newFixedThreadPool(20);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void racingDecisionsLeaveOneFinalStateAValidHistoryAndNoDataAfterTheRevokeReturned() throws Exception {
        String partner = Setup.onboardPartner(gateways.get(0), "Race partner").token();
        String alice = Tokens.user("alice");
        String account = Setup.accountsOf(gateways.get(0), alice).get(0);
        int n = 30;
        List<String> consents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consents.add(Setup.requestConsent(gateways.get(0), partner, List.of("ReadAccountsBasic", "ReadBalances"), 100));
        }
        AtomicInteger hot = new AtomicInteger();
        // Two readers on the consent being decided, two on any decided so far; with and without the user, both replicas.
        Load readers = new Load("race-readers", 4, 40, (worker, i) -> {
            int index = worker < 2 ? hot.get() : ThreadLocalRandom.current().nextInt(hot.get() + 1);
            String consent = consents.get(index);
            boolean userPresent = worker % 2 == 0;
            return new Load.Call(worker, consent, userPresent, Timed.read(gateways.get((worker / 2 + i) % 2), partner,
                    consent, "/accounts/" + account + "/balances", userPresent));
        });
        Queue<Action> actions = new ConcurrentLinkedQueue<>();
        try {
            for (int c = 0; c < n; c++) {
                hot.set(c);
                String consent = consents.get(c);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> running = new ArrayList<>();
                // Two authorisations at once; reject, withdraw/revoke by the partner and two revokes by the user a moment
                // later (0-250 ms), so that every order of them happens across the consents.
                running.add(pool.submit(() -> act(actions, go, 0, 0, consent, "authorise", "POST", gateways.get(0),
                        "/me/consents/" + consent + "/authorise", alice, Map.of("AccountIds", List.of(account)))));
                running.add(pool.submit(() -> act(actions, go, 0, 0, consent, "authorise", "POST", gateways.get(1),
                        "/me/consents/" + consent + "/authorise", alice, Map.of("AccountIds", List.of(account)))));
                running.add(pool.submit(() -> act(actions, go, 0, 250, consent, "reject", "POST", gateways.get(0),
                        "/me/consents/" + consent + "/reject", alice, null)));
                running.add(pool.submit(() -> act(actions, go, 0, 250, consent, "partner-delete", "DELETE", gateways.get(1),
                        Timed.AISP + "/account-access-consents/" + consent, partner, null)));
                running.add(pool.submit(() -> act(actions, go, 0, 250, consent, "revoke", "POST", gateways.get(0),
                        "/me/consents/" + consent + "/revoke", alice, null)));
                running.add(pool.submit(() -> act(actions, go, 0, 250, consent, "revoke", "POST", gateways.get(1),
                        "/me/consents/" + consent + "/revoke", alice, null)));
                go.countDown();
                for (Future<?> f : running) {
                    f.get();
                }
            }
            Timed.pause(1200);
        } finally {
            readers.stop();
        }
        List<Load.Call> reads = readers.stop();
        List<Action> all = List.copyOf(actions);

        Map<Integer, Long> outcomes = all.stream()
                .collect(Collectors.groupingBy(a -> a.reply().status(), TreeMap::new, Collectors.counting()));
        assertTrue(all.stream().allMatch(a -> List.of(200, 204, 409, 404).contains(a.reply().status())),
                "every decision was done or refused as a conflict: " + outcomes);
        Map<String, Long> finals = new TreeMap<>();
        int servedAfterRevoke = 0;
        long latestPresentServe = 0;
        int readsAfterRevoke = 0;
        for (String consent : consents) {
            String status = Setup.column(jdbcConsent(), "select status from consent where id = ?", consent).get(0);
            finals.merge(status, 1L, Long::sum);
            List<Entry> history = history(consent);
            assertTrue(List.of("Rejected", "Revoked").contains(status), consent + " ended final: " + status);
            assertValidChain(consent, history, status);
            List<Action> done = all.stream().filter(a -> a.consentId().equals(consent) && a.reply().status() / 100 == 2)
                    .toList();
            assertEquals(history.size() - 1, done.size(), consent + ": one transition per success: " + history + " "
                    + done.stream().map(Action::kind).toList());
            assertEquals(expectedTransitions(done), history.subList(1, history.size()).stream()
                    .map(e -> e.actor().equals("Partner") ? "Ended by Partner" : e.to() + " by " + e.actor()).sorted()
                    .toList(), consent + ": the successes are the history");
            List<Load.Call> served = reads.stream().filter(r -> r.consentId().equals(consent) && r.status() == 200)
                    .toList();
            if (status.equals("Rejected")) {
                assertEquals(List.of(), served, consent + " was never authorised, nothing was served");
                continue;
            }
            long revokeReturned = done.stream().filter(a -> !a.kind().equals("authorise"))
                    .mapToLong(a -> a.reply().end()).min().orElseThrow();
            readsAfterRevoke += (int) reads.stream()
                    .filter(r -> r.consentId().equals(consent) && r.start() > revokeReturned).count();
            for (Load.Call read : served) {
                if (read.start() <= revokeReturned) {
                    continue;
                }
                long after = (read.start() - revokeReturned) / 1_000_000;
                assertTrue(read.userPresent(), consent + ": a call without the user, decided by consent-service, was "
                        + "served " + after + " ms after the revoke returned");
                assertTrue(after <= 1000, consent + ": served from a cached permit " + after + " ms after the revoke "
                        + "returned, beyond the budget of " + PRESENT_BUDGET);
                servedAfterRevoke++;
                latestPresentServe = Math.max(latestPresentServe, after);
            }
        }
        long readsServed = reads.stream().filter(r -> r.status() == 200).count();
        System.out.printf("[concurrency] %d consents, each decided by 6 racing calls on 2 gateways (%d calls: by status "
                + "%s): final states %s, every history a valid chain with one entry per success; %d partner reads (%d "
                + "served), %d of them started after the revoke returned: none served without the user present, %d "
                + "served with the user present from a cached permit, the latest %d ms after the revoke returned "
                + "(budget %s)%n",
                n, all.size(), outcomes, finals, reads.size(), readsServed, readsAfterRevoke, servedAfterRevoke,
                latestPresentServe, PRESENT_BUDGET);
    }

    @Test
    void aBlockRacingAuthorisationsLeavesNoConsentAuthorisedAndNothingServedAfterItReturned() throws Exception {
        Setup.Partner onboarded = Setup.onboardPartner(gateways.get(0), "Blocked partner");
        String partner = onboarded.token();
        String partnerId = onboarded.id();
        String alice = Tokens.user("alice");
        String account = Setup.accountsOf(gateways.get(0), alice).get(0);
        int rounds = 4;
        int perRound = 16;
        Map<Integer, Long> outcomes = new TreeMap<>();
        int revokedByBlock = 0;
        int readsAfterBlock = 0;
        for (int round = 0; round < rounds; round++) {
            List<String> consents = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                consents.add(Setup.requestConsent(gateways.get(0), partner, List.of("ReadAccountsBasic", "ReadBalances"),
                        100));
            }
            Queue<Action> actions = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                String consent = consents.get(i);
                String gateway = gateways.get(i % 2);
                running.add(pool.submit(() -> act(actions, go, 0, 150, consent, "authorise", "POST", gateway,
                        "/me/consents/" + consent + "/authorise", alice, Map.of("AccountIds", List.of(account)))));
            }
            String blockVia = gateways.get(round % 2);
            Future<?> block = pool.submit(() -> act(actions, go, 40, 110, null, "block", "PUT", blockVia,
                    "/me/blocked-partners/" + partnerId, alice, null));
            go.countDown();
            block.get();
            long blockReturned = actions.stream().filter(a -> a.kind().equals("block")).findFirst().orElseThrow().reply()
                    .end();
            // Right after the block returned: no call of the partner is served, on either replica, for any consent.
            List<Load.Call> reads = new ArrayList<>();
            for (String consent : consents) {
                for (String gateway : gateways) {
                    reads.add(new Load.Call(0, consent, false,
                            Timed.read(gateway, partner, consent, "/accounts/" + account + "/balances", false)));
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
            List<Action> all = List.copyOf(actions);
            Action blocked = all.stream().filter(a -> a.kind().equals("block")).findFirst().orElseThrow();
            assertEquals(2, blocked.reply().status() / 100, () -> "block: " + blocked.reply());
            all.stream().filter(a -> a.kind().equals("authorise"))
                    .forEach(a -> outcomes.merge(a.reply().status(), 1L, Long::sum));
            assertTrue(all.stream().filter(a -> a.kind().equals("authorise"))
                    .allMatch(a -> a.reply().status() == 200 || a.reply().status() == 409), "authorised or refused");
            List<String> stillAuthorised = Setup.column(jdbcConsent(),
                    "select id from consent where id = any(?) and status = 'Authorised'", consents);
            assertEquals(List.of(), stillAuthorised, "round " + round + ": no consent with the blocked partner is "
                    + "authorised after the block");
            for (Load.Call read : reads) {
                assertTrue(read.status() == 403, "round " + round + ": a call after the block returned: " + read.reply());
            }
            readsAfterBlock += reads.size();
            assertTrue(reads.stream().allMatch(r -> r.start() > blockReturned));
            int revoked = Setup.column(jdbcConsent(), "select consent_id from consent_history where consent_id = any(?)"
                    + " and to_status = 'Revoked' and actor = 'User' and reason like '%blocked%'", consents).size();
            long authorised = all.stream().filter(a -> a.kind().equals("authorise") && a.reply().status() == 200).count();
            assertEquals(authorised, revoked, "round " + round + ": every consent authorised in the race was revoked by "
                    + "the block");
            revokedByBlock += revoked;
            Timed.Reply unblock = Timed.send("DELETE", gateways.get(0) + "/me/blocked-partners/" + partnerId, alice, null,
                    Map.of());
            assertEquals(2, unblock.status() / 100, () -> "unblock: " + unblock);
        }
        assertTrue(outcomes.containsKey(200) && outcomes.containsKey(409),
                "the block met authorisations on both sides of it (committed before: revoked; after: refused): " + outcomes);
        System.out.printf("[concurrency] a block racing %d authorisations of the same partner's consents (%d rounds of "
                + "%d on 2 gateways): authorise outcomes %s, %d authorised consents revoked by the block, 0 left "
                + "authorised; %d partner calls started after the block returned, none served%n",
                rounds * perRound, rounds, perRound, outcomes, revokedByBlock, readsAfterBlock);
    }

    /** One decision, made a random moment between {@code fromMillis} and {@code toMillis} after {@code go}. */
    private static Void act(Queue<Action> actions, CountDownLatch go, int fromMillis, int toMillis, String consent,
            String kind, String method, String gateway, String path, String token, Object body)
            throws InterruptedException {
        go.await();
        if (toMillis > 0) {
            Timed.pause(ThreadLocalRandom.current().nextInt(fromMillis, toMillis + 1));
        }
        actions.add(new Action(consent, kind, Timed.send(method, gateway + path, token, body, Map.of())));
        return null;
    }

    private static List<Entry> history(String consent) {
        List<String> rows = Setup.column(jdbcConsent(), "select concat_ws('|', coalesce(from_status, '-'), to_status, "
                + "actor, reason) from consent_history where consent_id = ? order by id", consent);
        return rows.stream().map(r -> r.split("\\|")).map(p -> new Entry(p[0], p[1], p[2], p[3])).toList();
    }

    private static void assertValidChain(String consent, List<Entry> history, String status) {
        Map<String, List<String>> allowed = Map.of("-", List.of("AwaitingAuthorisation"),
                "AwaitingAuthorisation", List.of("Authorised", "Rejected"), "Authorised", List.of("Revoked"));
        String previous = "-";
        for (Entry e : history) {
            assertEquals(previous, e.from(), consent + ": each entry starts where the last ended: " + history);
            assertTrue(allowed.getOrDefault(e.from(), List.of()).contains(e.to()),
                    consent + ": " + e.from() + " -> " + e.to() + " is not a transition: " + history);
            previous = e.to();
        }
        assertEquals(status, previous, consent + ": the history ends in the stored status");
    }

    private static List<String> expectedTransitions(List<Action> done) {
        return done.stream().map(a -> switch (a.kind()) {
            case "authorise" -> "Authorised by User";
            case "reject" -> "Rejected by User";
            case "revoke" -> "Revoked by User";
            default -> "Ended by Partner"; // withdrawn while awaiting, revoked once authorised
        }).sorted().toList();
    }

    static String jdbcConsent() {
        return "jdbc:postgresql://localhost:" + config.postgresPort() + "/consent";
    }
}
