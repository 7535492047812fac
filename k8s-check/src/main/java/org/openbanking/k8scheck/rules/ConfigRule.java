package org.openbanking.k8scheck.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Workload;
import org.openbanking.k8scheck.source.Call;
import org.openbanking.k8scheck.source.QuarkusService;

/**
 * Every service is deployed, and starts: each environment variable its {@code %prod} profile needs is set in its
 * container, each REST client the code declares has a URL, a client named after a Service calls that Service, and no
 * two services share a database.
 */
public final class ConfigRule implements Rule {

    private static final String RULE = "config";

    @Override
    public void check(Overlay overlay) {
        Map<String, String> databases = new LinkedHashMap<>();
        for (QuarkusService service : overlay.services()) {
            Optional<Workload> workload = overlay.manifests().workload(service.name());
            if (workload.isEmpty()) {
                overlay.report(RULE, service.name(), "the service has no Deployment in this overlay");
                continue;
            }
            Map<String, String> env = overlay.environment(workload.get()).values();
            Map<String, List<String>> byVariable = new LinkedHashMap<>();
            service.prod(env).unresolved().forEach((property, variables) -> variables
                    .forEach(v -> byVariable.computeIfAbsent(v, k -> new ArrayList<>()).add(property)));
            byVariable.forEach((variable, properties) -> overlay.report(RULE, workload.get().ref(),
                    "%prod needs environment variable " + variable + " (for " + String.join(", ", properties)
                            + "), which the container does not set"));

            List<String> problems = new ArrayList<>();
            List<Call> calls = service.calls(env, problems);
            problems.forEach(p -> overlay.report(RULE, workload.get().ref(), p));
            for (Call call : calls) {
                // The clients are named after the Service they call: a URL to another one is a swapped address.
                String key = call.key();
                if (call.kind() == Call.Kind.REST_CLIENT && call.host() != null
                        && overlay.manifests().find("Service", key).isPresent()
                        && !Calls.service(overlay, call.host()).map(s -> s.name().equals(key)).orElse(false)) {
                    overlay.report(RULE, workload.get().ref(), "REST client " + key + " calls " + call.url()
                            + ", not the Service " + key);
                }
            }
            TreeSet<String> targets = new TreeSet<>();
            calls.stream().filter(c -> c.kind() == Call.Kind.DATASOURCE && c.host() != null)
                    .forEach(c -> targets.add(c.host() + ":" + c.port() + database(c.url())));
            if (targets.size() > 1) {
                overlay.report(RULE, workload.get().ref(), "its reactive and JDBC datasources point at different databases "
                        + targets);
            }
            for (String target : targets) {
                String owner = databases.putIfAbsent(target, service.name());
                if (owner != null) {
                    overlay.report(RULE, workload.get().ref(), "uses the database " + target + " of " + owner
                            + ": each service has its own");
                }
            }
        }
    }

    /** The database path of a datasource URL, without query parameters. */
    private static String database(String url) {
        String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        int slash = withoutQuery.indexOf('/', withoutQuery.indexOf("//") + 2);
        return slash < 0 ? "/" : withoutQuery.substring(slash);
    }
}
