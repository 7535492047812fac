package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Stopping a replica is graceful (contract: Operations): one of two gateway replicas gets SIGTERM, as Kubernetes sends
 * it once the pod's pre-stop delay has passed, while a partner's clients keep calling it until it has exited. Every
 * call sent before the signal is answered (no reset, no EOF), the calls under way at the signal are finished, every 200
 * has its receipt and every receipt its 200, nothing is answered with a dropped connection (once the replica is gone,
 * its port refuses connections), the replica exits within what its Kubernetes grace period leaves after the pre-stop
 * delay, and the partner's calls after that are served by the other replica.
 */
class GracefulStopTest {

    /** A replica of this test's own: the stack's two gateways stay up for the other test classes. */
    static final int STOPPED = 18091;
    static final int CLIENTS = 4;
    /** Each client calls at most every 100 ms: 40 calls/s at most, under the partner's 50/s per replica. */
    static final long PACE_MILLIS = 100;
    /** The signal is sent while a call has been under way at least this long (it has reached the replica by then). */
    static final long UNDER_WAY_MILLIS = 15;

    record Sent(String target, Timed.Reply reply) {

        boolean startedBefore(long nanos) {
            return reply.start() < nanos;
        }
    }

    @Test
    void aReplicaStoppedUnderLoadFinishesWhatItTookWithReceiptsAndExitsWithinItsGracePeriod() throws Exception {
        SystemStack.start();
        String other = "http://localhost:" + SystemStack.GATEWAY;
        String stopping = SystemStack.extraGateway(STOPPED);
        String alice = Tokens.user("alice");
        Setup.Partner partner = Setup.onboardPartner(other, "Graceful stop partner");
        List<String> accounts = Setup.accountsOf(other, alice);
        String consent = Setup.authorisedConsent(other, partner.token(), alice, accounts, 100);
        String path = "/accounts/" + accounts.get(0) + "/balances";
        // Both replicas serve the partner before the load starts (each such 200 has its receipt too).
        List<String> served = new ArrayList<>();
        served.add(Setup.awaitServed(stopping, partner.token(), consent, path).interactionId());
        served.add(Setup.awaitServed(other, partner.token(), consent, path).interactionId());

        Queue<Sent> sent = new ConcurrentLinkedQueue<>();
        Map<Integer, Long> underWay = new ConcurrentHashMap<>();
        CompletableFuture<Long> exited = new CompletableFuture<>();
        AtomicLong signalledAt = new AtomicLong(Long.MAX_VALUE);
        Load load = new Load("graceful-stop", CLIENTS, PACE_MILLIS, (worker, i) -> {
            boolean toStopping = !exited.isDone();
            String target = toStopping ? stopping : other;
            if (toStopping) {
                underWay.put(worker, System.nanoTime());
            }
            // Once the signal is sent, each call to the stopping replica opens its own connection: one the client pooled
            // before could be closed by the server just as a request is written onto it, unread (RFC 9110 9.2.2), and
            // then no call could be told to have been dropped once taken. Before the signal, pooled as usual.
            Timed.Reply reply = toStopping && System.nanoTime() >= signalledAt.get()
                    ? Timed.readOnNewConnection(target, partner.token(), consent, path)
                    : Timed.read(target, partner.token(), consent, path, true);
            underWay.remove(worker);
            sent.add(new Sent(target, reply));
            return new Load.Call(worker, consent, true, reply);
        });
        long signalled;
        long exitedAt;
        try {
            assertTrue(load.awaitCalls(4 * CLIENTS, 30_000), "the partner's clients are calling the replica");
            signalled = signalWhileACallIsUnderWay(underWay);
            signalledAt.set(signalled);
            SystemStack.terminate("gateway-" + STOPPED).thenRun(() -> exited.complete(System.nanoTime()));
            try {
                exitedAt = exited.get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("the replica had not exited 120 s after SIGTERM");
                return;
            }
            long afterExit = exitedAt;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sent.stream().filter(s -> !s.startedBefore(afterExit)).count() < 3 * CLIENTS
                    && System.nanoTime() < deadline) {
                Timed.pause(50);
            }
        } finally {
            load.stop();
        }

        List<Sent> toStopping = sent.stream().filter(s -> s.target().equals(stopping)).toList();
        List<Sent> beforeSignal = toStopping.stream().filter(s -> s.startedBefore(signalled)).toList();
        List<Sent> afterSignal = toStopping.stream().filter(s -> !s.startedBefore(signalled)).toList();
        List<Sent> atSignal = beforeSignal.stream().filter(s -> s.reply().end() > signalled
                && signalled - s.reply().start() >= TimeUnit.MILLISECONDS.toNanos(UNDER_WAY_MILLIS)).toList();
        List<Sent> afterExit = sent.stream().filter(s -> !s.startedBefore(exitedAt)).toList();
        System.out.printf("[graceful stop] SIGTERM to a gateway replica under %d clients: exited %d ms after the signal;"
                + " calls to it before the signal %s, under way at the signal %s, after the signal %s; calls after its"
                + " exit (to the other replica) %s%n",
                CLIENTS, (exitedAt - signalled) / 1_000_000, byStatus(beforeSignal), byStatus(atSignal),
                byStatus(afterSignal), byStatus(afterExit));

        assertEquals(List.of(), beforeSignal.stream().filter(s -> s.reply().status() == -1).map(Sent::reply).toList(),
                "every call sent before the signal was answered (no reset, no EOF)");
        assertEquals(List.of(), beforeSignal.stream().filter(s -> !servedOrRefused(s.reply())).map(Sent::reply).toList(),
                "every call sent before the signal was served, or refused with 503 and Retry-After");
        assertFalse(atSignal.isEmpty(), "a call was under way at the signal");
        assertTrue(atSignal.stream().anyMatch(s -> s.reply().status() == 200),
                "the calls under way at the signal were finished: " + atSignal);
        assertEquals(List.of(), afterSignal.stream()
                .filter(s -> !servedOrRefused(s.reply()) && !refusedConnection(s.reply()) && !neverRead(s.reply()))
                .map(Sent::reply).toList(),
                "after the signal, each call was served, refused with 503 and Retry-After, or its connection refused"
                        + " or closed unread: none was dropped once taken");

        sent.stream().filter(s -> s.reply().status() == 200).forEach(s -> served.add(s.reply().interactionId()));
        List<String> receipts = Setup.receiptInteractionIds(SystemStack.jdbc("consent"), List.of(consent));
        Set<String> withoutReceipt = new HashSet<>(served);
        withoutReceipt.removeAll(new HashSet<>(receipts));
        Set<String> withoutResponse = new HashSet<>(receipts);
        withoutResponse.removeAll(new HashSet<>(served));
        assertEquals(Set.of(), withoutReceipt, "every 200 has its receipt");
        assertEquals(Set.of(), withoutResponse, "every receipt has its 200");
        assertEquals(served.size(), receipts.size(), "one receipt per 200");

        assertTrue(afterExit.size() >= 3 * CLIENTS, "the clients went on calling after the replica exited");
        assertEquals(List.of(), afterExit.stream().filter(s -> s.reply().status() != 200).map(Sent::reply).toList(),
                "once the replica has exited, the other replica serves the partner");

        Duration budget = shutdownBudget();
        Duration took = Duration.ofNanos(exitedAt - signalled);
        assertTrue(took.compareTo(budget) <= 0, "the replica exited " + took.toMillis() + " ms after SIGTERM, within the "
                + budget.toSeconds() + " s its grace period leaves after the pre-stop delay (k8s/base/gateway.yaml)");
    }

    /** Sends nothing itself: waits until a client's call has been under way a moment, and returns then (at most 20 s). */
    private static long signalWhileACallIsUnderWay(Map<Integer, Long> underWay) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long threshold = TimeUnit.MILLISECONDS.toNanos(UNDER_WAY_MILLIS);
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (underWay.values().stream().anyMatch(started -> now - started >= threshold)) {
                return now;
            }
            Thread.onSpinWait();
        }
        return System.nanoTime();
    }

    /** Served (200), or refused without being served: 503 in the envelope with Retry-After. */
    private static boolean servedOrRefused(Timed.Reply reply) {
        return reply.status() == 200 || reply.isUnavailable();
    }

    /** No connection at all: the replica's port was closed, so nothing was sent to it. */
    private static boolean refusedConnection(Timed.Reply reply) {
        return reply.status() == -1 && reply.body().startsWith("java.net.ConnectException");
    }

    /**
     * A new connection (after the signal every call opens its own) that was closed before a single byte came back: the
     * kernel had completed it into the listener's backlog, and the process closed its listener before reading it (a
     * backlog is reset, not served, when a listener closes). The request was never taken, as with a refused connection;
     * what was taken is held by the receipt checks below. In Kubernetes the pre-stop sleep takes the pod out of the
     * Service before SIGTERM, so no new connection reaches it then (k8s/README.md, "Stopping a replica").
     */
    private static boolean neverRead(Timed.Reply reply) {
        return reply.status() == -1 && reply.body().contains("received no bytes");
    }

    private static Map<Integer, Long> byStatus(List<Sent> calls) {
        return calls.stream().collect(Collectors.groupingBy(s -> s.reply().status(), TreeMap::new, Collectors.counting()));
    }

    /**
     * The gateway Deployment's terminationGracePeriodSeconds less its pre-stop sleep: the time SIGTERM leaves the
     * replica before Kubernetes kills it.
     */
    private static Duration shutdownBudget() throws IOException {
        Path manifest = Path.of(System.getProperty("ob.root", "..")).resolve("k8s/base/gateway.yaml");
        String yaml = Files.readString(manifest);
        Matcher grace = Pattern.compile("terminationGracePeriodSeconds:\\s*(\\d+)").matcher(yaml);
        Matcher preStop = Pattern.compile("preStop:\\s*\\n\\s*sleep:\\s*\\n\\s*seconds:\\s*(\\d+)").matcher(yaml);
        assertTrue(grace.find(), manifest + " sets terminationGracePeriodSeconds");
        assertTrue(preStop.find(), manifest + " sets a preStop sleep");
        return Duration.ofSeconds(Long.parseLong(grace.group(1)) - Long.parseLong(preStop.group(1)));
    }
}
