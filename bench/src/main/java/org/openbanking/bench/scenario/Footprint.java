package org.openbanking.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openbanking.bench.Log;
import org.openbanking.bench.measure.ProcStats;
import org.openbanking.bench.platform.Api;
import org.openbanking.launcher.LaunchConfig;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Memory after the load scenarios (VmRSS, JVM mode, -Xmx128m for the services) and startup time of each service alone
 * on a quiet machine (stopped and started again: process start to /q/health/ready 200), with Keycloak as the reference
 * (to its realm's discovery document).
 */
public final class Footprint {

    private final Context ctx;

    public Footprint(Context ctx) {
        this.ctx = ctx;
    }

    public ObjectNode run() {
        ObjectNode out = Api.JSON.createObjectNode();
        out.put("method", "RSS: VmRSS of each JVM after the load scenarios; startup: each one stopped and started"
                + " again alone, from process start to ready");
        ObjectNode rss = out.putObject("rssMiB");
        Map<String, ProcessHandle> processes = ctx.stack().processes();
        processes.forEach((name, handle) -> {
            ProcessHandle jvm = ProcStats.largestOfTree(handle);
            rss.put(name, ProcStats.rssKib(jvm.pid()).orElse(0) / 1024.0);
        });
        List<String> restart = new ArrayList<>(List.of(LaunchConfig.SERVICES));
        if (ctx.settings().restartKeycloak()) {
            restart.add("keycloak");
        }
        ObjectNode startup = out.putObject("startupSeconds");
        for (String name : restart) {
            Duration took = ctx.stack().restart(name);
            startup.put(name, took.toMillis() / 1000.0);
            Log.say("%s: RSS %.0f MiB, started alone in %.1f s", name, rss.path(name).asDouble(),
                    took.toMillis() / 1000.0);
        }
        for (String name : List.of(LaunchConfig.SERVICES)) {
            if (rss.path(name).asDouble() <= 0 || startup.path(name).asDouble() <= 0) {
                throw new IllegalStateException("footprint: no valid numbers for " + name);
            }
        }
        return out;
    }
}
