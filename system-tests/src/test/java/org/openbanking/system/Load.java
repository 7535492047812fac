package org.openbanking.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Workers that call the platform in a loop until stopped, each at most once per {@code paceMillis} (so that a fault
 * that makes answers fast does not turn the load into a flood that only meets the rate limit), keeping every call.
 */
final class Load {

    /** One call: which worker made it, under which consent, whether the user was present, and its reply. */
    record Call(int worker, String consentId, boolean userPresent, Timed.Reply reply) {

        long start() {
            return reply.start();
        }

        int status() {
            return reply.status();
        }
    }

    interface Step {

        Call run(int worker, int iteration);
    }

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Load(String name, int workers, long paceMillis, Step step) {
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; running; i++) {
                    long began = System.nanoTime();
                    calls.add(step.run(worker, i));
                    long left = paceMillis - (System.nanoTime() - began) / 1_000_000;
                    if (left > 0 && running) {
                        Timed.pause(left);
                    }
                }
            }, name + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Waits until a call matching {@code condition} was made, at most {@code timeoutMillis}; true if one was. */
    boolean awaitCall(Predicate<Call> condition, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (calls.stream().anyMatch(condition)) {
                return true;
            }
            Timed.pause(50);
        }
        return false;
    }

    /** Waits until {@code count} calls were made, at most {@code timeoutMillis}; true if they were. */
    boolean awaitCalls(int count, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (calls.size() < count && System.nanoTime() < deadline) {
            Timed.pause(50);
        }
        return calls.size() >= count;
    }

    /** Stops the workers, lets the calls in flight finish, and returns every call made. */
    List<Call> stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return List.copyOf(calls);
    }
}
