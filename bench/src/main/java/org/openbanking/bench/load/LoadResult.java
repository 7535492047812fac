package org.openbanking.bench.load;

import java.util.Map;

/**
 * What a load run measured. {@code ok} are 2xx answers; anything else counts in {@code failed} and makes the run
 * invalid for the tables. Latencies in milliseconds; for a closed-loop saturation run they are mostly queueing.
 * {@code clientCpuMicros}: CPU of an external load generator (wrk), 0 when the load came from this JVM.
 */
public record LoadResult(long ok, long failed, double seconds, double p50Ms, double p90Ms, double p99Ms, double maxMs,
        Map<String, Latency> byLabel, double clientCpuMicros) {

    /** Latencies of one label of a mixed run. */
    public record Latency(long count, double p50Ms, double p99Ms, double maxMs) {
    }

    public double throughput() {
        return ok / seconds;
    }

    public void requireValid(String what) {
        if (ok == 0 || failed > 0 || seconds <= 0 || p50Ms <= 0) {
            throw new IllegalStateException(what + ": no valid numbers (" + ok + " ok, " + failed + " failed in " + seconds
                    + " s, p50 " + p50Ms + " ms)");
        }
    }
}
