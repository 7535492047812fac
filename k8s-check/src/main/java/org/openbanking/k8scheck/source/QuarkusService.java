package org.openbanking.k8scheck.source;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One of the platform's Quarkus services, as its sources describe it: its configuration, its extensions (pom
 * dependencies), the REST clients its code declares and the Containerfile of its image. Nothing here needs the service to be built.
 */
public final class QuarkusService {

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");
    private static final Pattern TEST_SCOPE = Pattern.compile("<scope>\\s*test\\s*</scope>");
    private static final Pattern REST_CLIENT = Pattern
            .compile("@RegisterRestClient\\s*\\(\\s*configKey\\s*=\\s*\"([^\"]+)\"");
    /** An extension that makes calls, and the properties that say where to. */
    private record CallingExtension(String artifactId, Call.Kind kind, Pattern properties) {
    }

    private static final List<CallingExtension> CALLING_EXTENSIONS = List.of(
            new CallingExtension("quarkus-oidc", Call.Kind.OIDC,
                    Pattern.compile("quarkus\\.oidc\\.(?:[^.]+\\.)?auth-server-url")),
            new CallingExtension("quarkus-oidc-client", Call.Kind.OIDC,
                    Pattern.compile("quarkus\\.oidc-client\\.(?:[^.]+\\.)?auth-server-url")),
            new CallingExtension("quarkus-keycloak-admin-rest-client", Call.Kind.KEYCLOAK_ADMIN,
                    Pattern.compile("quarkus\\.keycloak\\.admin-client\\.server-url")),
            new CallingExtension("quarkus-keycloak-admin-resteasy-client", Call.Kind.KEYCLOAK_ADMIN,
                    Pattern.compile("quarkus\\.keycloak\\.admin-client\\.server-url")),
            new CallingExtension("quarkus-reactive-pg-client", Call.Kind.DATASOURCE,
                    Pattern.compile("quarkus\\.datasource\\.(?:[^.]+\\.)?reactive\\.url")),
            new CallingExtension("quarkus-jdbc-postgresql", Call.Kind.DATASOURCE,
                    Pattern.compile("quarkus\\.datasource\\.(?:[^.]+\\.)?jdbc\\.url")),
            // Spans leave for the OTLP collector, unless the SDK is off (then nothing is exported).
            new CallingExtension("quarkus-opentelemetry", Call.Kind.TRACE_EXPORT,
                    Pattern.compile("quarkus\\.otel\\.exporter\\.otlp\\.(?:traces\\.)?endpoint")));

    private final String name;
    private final Path dir;
    private final Properties properties = new Properties();
    private final Set<String> dependencies = new LinkedHashSet<>();
    private final Map<String, String> restClients = new LinkedHashMap<>();

    public QuarkusService(Path dir) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
        Path config = dir.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(config)) {
            try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Matcher dependency = DEPENDENCY.matcher(read(dir.resolve("pom.xml")));
        while (dependency.find()) {
            Matcher artifact = ARTIFACT.matcher(dependency.group(1));
            if (artifact.find() && !TEST_SCOPE.matcher(dependency.group(1)).find()) {
                dependencies.add(artifact.group(1));
            }
        }
        Path sources = dir.resolve("src/main/java");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher client = REST_CLIENT.matcher(read(file));
                    while (client.find()) {
                        restClients.putIfAbsent(client.group(1), file.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    /** The one Containerfile every service's image is built from (k8s/images/build passes the service's name). */
    public Path containerfile() {
        return dir.resolveSibling("k8s/images/Containerfile.service");
    }

    public Set<String> dependencies() {
        return dependencies;
    }

    /** The REST clients the code declares: config key to the file that declares it. */
    public Map<String, String> restClients() {
        return restClients;
    }

    /** The configuration in a profile, as a container with this environment sees it. */
    public QuarkusConfig config(String profile, Map<String, String> env) {
        return new QuarkusConfig(properties, profile, env);
    }

    public QuarkusConfig prod(Map<String, String> env) {
        return config("prod", env);
    }

    /** The port the HTTP server listens on in a container with this environment. */
    public int httpPort(Map<String, String> env) {
        String port = prod(env).value("quarkus.http.port");
        return port == null ? 8080 : Integer.parseInt(port.strip());
    }

    /** Where the health endpoints are served, or null without quarkus-smallrye-health. */
    public Health health(Map<String, String> env) {
        if (!dependencies.contains("quarkus-smallrye-health")) {
            return null;
        }
        QuarkusConfig config = prod(env);
        String base;
        int port;
        if ("true".equals(config.value("quarkus.management.enabled"))) {
            port = Integer.parseInt(or(config.value("quarkus.management.port"), "9000"));
            base = or(config.value("quarkus.management.root-path"), "/q");
        } else {
            port = httpPort(env);
            String root = or(config.value("quarkus.http.root-path"), "/");
            String nonApplication = or(config.value("quarkus.http.non-application-root-path"), "q");
            base = nonApplication.startsWith("/") ? nonApplication : path(root, nonApplication);
        }
        String health = or(config.value("quarkus.smallrye-health.root-path"), "health");
        String root = health.startsWith("/") ? health : path(base, health);
        return new Health(port,
                path(root, or(config.value("quarkus.smallrye-health.liveness-path"), "live")),
                path(root, or(config.value("quarkus.smallrye-health.readiness-path"), "ready")),
                path(root, or(config.value("quarkus.smallrye-health.startup-path"), "started")));
    }

    /** The health endpoints: liveness, readiness and startup paths on one port. */
    public record Health(int port, String live, String ready, String started) {

        public List<String> all() {
            return List.of(live, ready, started);
        }
    }

    /**
     * The calls the code makes, resolved in a container with this environment: each REST client's URL and the
     * servers of the extensions that call out (OIDC, OIDC client, Keycloak admin client, datasources). Problems
     * (a client without a URL) go to {@code problems}.
     */
    public List<Call> calls(Map<String, String> env, List<String> problems) {
        QuarkusConfig config = prod(env);
        List<Call> calls = new ArrayList<>();
        for (Map.Entry<String, String> client : restClients.entrySet()) {
            String key = client.getKey();
            String found = null;
            for (String candidate : List.of("quarkus.rest-client." + key + ".url",
                    "quarkus.rest-client.\"" + key + "\".url", "quarkus.rest-client." + key + ".uri",
                    "quarkus.rest-client.\"" + key + "\".uri")) {
                if (config.raw(candidate) != null) {
                    found = candidate;
                }
            }
            if (found == null) {
                problems.add("@RegisterRestClient(configKey = \"" + key + "\") in " + client.getValue()
                        + " has no quarkus.rest-client." + key + ".url");
                continue;
            }
            String url = config.value(found);
            if (url != null) {
                calls.add(new Call(Call.Kind.REST_CLIENT, key, "REST client " + key + " (" + client.getValue() + ")",
                        url));
            }
        }
        for (CallingExtension extension : CALLING_EXTENSIONS) {
            if (!dependencies.contains(extension.artifactId())) {
                continue;
            }
            for (String key : config.keys()) {
                if (extension.properties().matcher(key).matches() && !disabledTenant(config, key)
                        && !(extension.kind() == Call.Kind.TRACE_EXPORT
                                && "true".equals(config.value("quarkus.otel.sdk.disabled")))) {
                    String url = config.value(key);
                    if (url != null) {
                        calls.add(new Call(extension.kind(), key, key + " (" + extension.artifactId() + ")", url));
                    }
                }
            }
        }
        return calls;
    }

    private static boolean disabledTenant(QuarkusConfig config, String key) {
        String prefix = key.substring(0, key.lastIndexOf('.'));
        return "false".equals(config.value(prefix + ".tenant-enabled"));
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String path(String base, String relative) {
        String joined = (base.endsWith("/") ? base : base + "/") + relative;
        return joined.replaceAll("/+", "/");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
