package org.openbanking.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Latency at a fixed request rate (open loop): request i is due at start + i/rate, whether or not earlier ones were
 * answered, and its latency counts from when it was due, so a stall shows in the percentiles instead of slowing the
 * client down (no coordinated omission). Requests rotate over the targets; each label has its own histogram.
 */
public final class FixedRateLoad {

    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(30);

    private FixedRateLoad() {
    }

    public static LoadResult run(List<Target> targets, int rate, Duration warmUp, Duration measured) {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try {
            List<HttpRequest> requests = targets.stream().map(t -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.url())).timeout(Duration.ofSeconds(10)).GET();
                t.headers().forEach(b::header);
                return b.build();
            }).toList();
            Map<String, Histogram> histograms = new LinkedHashMap<>();
            targets.forEach(t -> histograms.computeIfAbsent(t.label(), l -> new Histogram(MAX_MICROS, 3)));
            Histogram all = new Histogram(MAX_MICROS, 3);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long period = 1_000_000_000L / rate;
            long warmCount = warmUp.toNanos() / period;
            long total = warmCount + measured.toNanos() / period;
            CountDownLatch answered = new CountDownLatch((int) total);
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean counted = i >= warmCount;
                int index = (int) (i % requests.size());
                Histogram histogram = histograms.get(targets.get(index).label());
                client.sendAsync(requests.get(index), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, error) -> {
                            long micros = Math.min(MAX_MICROS, (System.nanoTime() - due) / 1000);
                            if (counted) {
                                if (error == null && response.statusCode() / 100 == 2) {
                                    ok.incrementAndGet();
                                    synchronized (all) {
                                        all.recordValue(micros);
                                        histogram.recordValue(micros);
                                    }
                                } else {
                                    failed.incrementAndGet();
                                }
                            }
                            answered.countDown();
                        });
            }
            if (!answered.await(15, TimeUnit.SECONDS)) {
                failed.addAndGet(answered.getCount());
            }
            Map<String, LoadResult.Latency> byLabel = new LinkedHashMap<>();
            synchronized (all) {
                histograms.forEach((label, h) -> byLabel.put(label, new LoadResult.Latency(h.getTotalCount(),
                        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()))));
                return new LoadResult(ok.get(), failed.get(), measured.toNanos() / 1e9, ms(all.getValueAtPercentile(50)),
                        ms(all.getValueAtPercentile(90)), ms(all.getValueAtPercentile(99)), ms(all.getMaxValue()), byLabel, 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            executor.shutdownNow();
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
