package org.openbanking.k8scheck.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;
import org.openbanking.k8scheck.source.QuarkusConfig;
import org.openbanking.k8scheck.source.QuarkusService;

/**
 * Stopping a replica is graceful (contract: Operations), and Kubernetes lets it be: each service's pod waits before
 * SIGTERM (a preStop sleep, while the Service and the Ingress stop routing to it), the service waits for the calls it
 * took ({@code quarkus.shutdown.timeout}, after {@code quarkus.shutdown.delay} when enabled), and
 * {@code terminationGracePeriodSeconds} covers all of that plus {@link #EXIT} to close and exit. Otherwise Kubernetes
 * kills the replica (SIGKILL) while it still finishes calls it took.
 */
public final class ShutdownRule implements Rule {

    private static final String RULE = "shutdown";
    /**
     * After the wait for the calls: the shutdown observers, the clients, pools and Vert.x closed, the JVM's exit. Well
     * under a second on the reference machine (the graceful-stop system test prints it); 5 s leaves room for a busy node.
     */
    static final Duration EXIT = Duration.ofSeconds(5);
    /** What Kubernetes uses when the pod does not say. */
    static final long DEFAULT_GRACE_SECONDS = 30;
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    @Override
    public void check(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            Optional<QuarkusService> service = overlay.service(workload.name());
            if (service.isEmpty()) {
                continue;
            }
            String name = service.get().name();
            QuarkusConfig config = service.get().prod(overlay.environment(workload).values());
            if (config.value("quarkus.shutdown.timeout") == null) {
                overlay.report(RULE, workload.ref(), name + " sets no quarkus.shutdown.timeout: on SIGTERM it exits at once"
                        + " and drops the calls under way");
                continue;
            }
            Duration timeout = duration(overlay, workload, name, config, "quarkus.shutdown.timeout");
            if (timeout == null) {
                continue;
            }
            Duration delay = Duration.ZERO;
            if ("true".equals(config.value("quarkus.shutdown.delay-enabled"))) {
                Duration configured = duration(overlay, workload, name, config, "quarkus.shutdown.delay");
                delay = configured == null ? Duration.ZERO : configured;
            }
            Map<String, Object> preStop = Tree.map(overlay.mainContainer(workload), "lifecycle", "preStop");
            Object sleep = Tree.at(preStop, "sleep", "seconds");
            if (preStop.isEmpty()) {
                overlay.report(RULE, workload.ref(), "container " + name + " has no preStop sleep: SIGTERM would come while"
                        + " the Service and the Ingress still send it calls");
                continue;
            }
            if (!(sleep instanceof Number seconds)) {
                overlay.report(RULE, workload.ref(), "container " + name + "'s preStop must be a sleep action"
                        + " (lifecycle.preStop.sleep.seconds): its length is part of the grace period");
                continue;
            }
            Duration preStopSleep = Duration.ofSeconds(seconds.longValue());
            Object declared = Tree.at(workload.podSpec(), "terminationGracePeriodSeconds");
            long grace = declared instanceof Number n ? n.longValue() : DEFAULT_GRACE_SECONDS;
            Duration needed = preStopSleep.plus(delay).plus(timeout).plus(EXIT);
            if (Duration.ofSeconds(grace).compareTo(needed) < 0) {
                overlay.report(RULE, workload.ref(), "terminationGracePeriodSeconds " + grace
                        + (declared == null ? " (the default)" : "") + " is below what stopping " + name + " takes: the"
                        + " preStop sleep " + text(preStopSleep) + " + quarkus.shutdown.delay " + text(delay)
                        + " + quarkus.shutdown.timeout " + text(timeout) + " + " + text(EXIT) + " to exit = "
                        + text(needed) + "; Kubernetes would kill it while it finishes calls it took");
            }
        }
    }

    /** A duration property as Quarkus reads it (a number of seconds, 500ms, 10s, 2m, or ISO-8601), or null if unset. */
    private static Duration duration(Overlay overlay, Workload workload, String service, QuarkusConfig config, String key) {
        String value = config.value(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse(value.strip());
        } catch (DateTimeParseException | ArithmeticException e) {
            overlay.report(RULE, workload.ref(), service + "'s " + key + " '" + value + "' is not a duration");
            return null;
        }
    }

    static Duration parse(String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        return Duration.parse(value.toUpperCase(Locale.ROOT).startsWith("P") ? value : "PT" + value);
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
