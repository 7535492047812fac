package org.openbanking.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where things run. Every value can be changed with an environment variable, so that the same launcher serves a
 * developer's laptop, the system tests and the benchmarks. External PostgreSQL or Keycloak: set {@code OB_DB_HOST} or
 * {@code OB_KEYCLOAK_URL} (the same settings the Kubernetes manifests pass to the services).
 */
public record LaunchConfig(Path root, Path dataDir, int postgresPort, String externalDbHost, String dbUser, String dbPassword,
        String keycloakUrl, boolean externalKeycloak, int keycloakPort, Map<String, Integer> servicePorts, boolean reset) {

    public static final String[] SERVICES = {"consent-service", "accounts-service", "partner-offers-service", "gateway"};

    public static LaunchConfig fromEnvironment(Path root, boolean reset) {
        Map<String, String> env = System.getenv();
        Path data = Path.of(env.getOrDefault("OB_DATA_DIR", root.resolve(".data").toString())).toAbsolutePath();
        return new LaunchConfig(root, data,
                Integer.parseInt(env.getOrDefault("OB_PG_PORT", "55432")),
                env.get("OB_DB_HOST"),
                env.getOrDefault("OB_DB_USER", "postgres"),
                env.getOrDefault("OB_DB_PASSWORD", "postgres"),
                env.getOrDefault("OB_KEYCLOAK_URL", "http://localhost:" + port(env, "OB_KEYCLOAK_PORT", 8180)),
                env.containsKey("OB_KEYCLOAK_URL"),
                port(env, "OB_KEYCLOAK_PORT", 8180),
                Map.of("gateway", port(env, "OB_GATEWAY_PORT", 8080),
                        "consent-service", port(env, "OB_CONSENT_PORT", 8081),
                        "accounts-service", port(env, "OB_ACCOUNTS_PORT", 8082),
                        "partner-offers-service", port(env, "OB_OFFERS_PORT", 8083)),
                reset);
    }

    /** Each service that owns data has its own database. */
    public static String databaseOf(String service) {
        return switch (service) {
            case "consent-service" -> "consent";
            case "accounts-service" -> "accounts";
            case "partner-offers-service" -> "offers";
            default -> null;
        };
    }

    /** Where PostgreSQL listens: the external host, or this machine for the embedded one. */
    public String dbHost() {
        return externalDbHost != null ? externalDbHost : "localhost";
    }

    /** The JDBC URL of one database on that PostgreSQL. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost() + ":" + postgresPort + "/" + database;
    }

    public String url(String service) {
        return "http://localhost:" + servicePorts.get(service);
    }

    /**
     * The service's management port (health, metrics; contract: Operations): its API port + 1000, so 9080-9083 for
     * ./run's defaults. Stacks that run side by side keep their ports 2000 apart.
     */
    public static int managementPort(int apiPort) {
        return apiPort + 1000;
    }

    public String managementUrl(String service) {
        return "http://localhost:" + managementPort(servicePorts.get(service));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, String.valueOf(fallback)));
    }
}
