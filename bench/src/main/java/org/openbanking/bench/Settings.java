package org.openbanking.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how big each scenario is: the full run fits in 10 minutes; the smoke run takes seconds per scenario.
 * {@code jitWarmUp}: gateway traffic before anything is measured; on two cores the JVMs' JIT compilers are still busy
 * for more than a minute of load, and a cold gateway answers slow calls with 503 (it fails closed on timeouts).
 * {@code connections}: wrk's connections at saturation; the smoke run uses few, so that cold JVMs on a slow CI machine
 * stay within the gateway's timeouts. {@code scaleRate}: the data-scale run's fixed rate; the smoke run's stays below
 * what a cold gateway serves on a loaded CI machine (15 to 25 calls a second measured there, 2026-12-03), or the run
 * measures queueing and 503s instead of the pages.
 */
public record Settings(boolean smoke, Duration warmUp, Duration saturation, Duration fixedRate, int rounds,
        Duration partnerRun, List<Integer> partnerLevels, int revocations, int smallRows, int largeRows, int deepPage,
        Duration scaleRun, int scaleRate, boolean restartKeycloak, Duration timeLimit, int rateLimitPerSecond,
        Duration jitWarmUp, int connections) {

    public static Settings fullRun() {
        return new Settings(false, Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(7), 2,
                Duration.ofSeconds(5), List.of(1, 2, 4, 8), 100, 10_000, 1_000_000, 10, Duration.ofSeconds(8), 100, true,
                Duration.ofMinutes(10), 100_000, Duration.ofSeconds(75), 32);
    }

    public static Settings smokeRun() {
        return new Settings(true, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
                Duration.ofSeconds(1), List.of(1, 2, 4, 8), 5, 1_000, 10_000, 5, Duration.ofSeconds(2), 10, false,
                Duration.ofMinutes(15), 100_000, Duration.ofSeconds(3), 4);
    }
}
