package org.openbanking.launcher;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of each service process: what it reads in its %prod profile (the same names the Kubernetes manifests
 * set), and on top of them the extras that tests and benchmarks put.
 */
final class ServiceEnvironment {

    private final LaunchConfig config;
    private final Map<String, Map<String, String>> extras = new HashMap<>();

    ServiceEnvironment(LaunchConfig config) {
        this.config = config;
    }

    /** An extra setting for a service's processes (and the gateway's extra replicas); an extra wins over production. */
    void put(String service, String name, String value) {
        extras.computeIfAbsent(service, s -> new HashMap<>()).put(name, value);
    }

    /** Production's settings of the service, with its extras over them. */
    Map<String, String> of(String service) {
        Map<String, String> env = production(service);
        env.putAll(extras.getOrDefault(service, Map.of()));
        return env;
    }

    private Map<String, String> production(String service) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(config.servicePorts().get(service)));
        env.put("MANAGEMENT_PORT", String.valueOf(LaunchConfig.managementPort(config.servicePorts().get(service))));
        // Only the gateway (and Keycloak) face outside: the services' API ports and every management port listen on
        // the loopback interface alone (in Kubernetes, NetworkPolicies do that job).
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        if (!"gateway".equals(service)) {
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        }
        String db = LaunchConfig.databaseOf(service);
        if (db != null) {
            String hostPort = config.dbHost() + ":" + config.postgresPort() + "/" + db;
            env.put("DB_REACTIVE_URL", "postgresql://" + hostPort);
            env.put("DB_JDBC_URL", "jdbc:postgresql://" + hostPort);
            env.put("DB_USER", config.dbUser());
            env.put("DB_PASSWORD", config.dbPassword());
        }
        env.put("OIDC_AUTH_SERVER_URL", config.keycloakUrl() + "/realms/openbanking");
        env.put("KEYCLOAK_URL", config.keycloakUrl());
        // The local realm is the dev realm: localhost redirect URIs are fine for partners onboarded here.
        env.put("ALLOW_LOCALHOST_REDIRECTS", "true");
        // Dev-only demo secrets of the local realm (see the realm file); deployments take them from Secrets.
        env.put("OIDC_CLIENT_SECRET", service + "-secret");
        if ("gateway".equals(service)) {
            // Dev-only: keys the dashboard's CSRF tokens and session cookies; plain http on localhost, so no Secure.
            env.put("DASHBOARD_SECRET", "dev-only-dashboard-secret-of-the-local-run-0123456789");
            env.put("DASHBOARD_SECURE_COOKIES", "false");
        }
        // No collector listens locally: spans are not exported (tests that collect them put an endpoint of their own).
        env.put("OTEL_SDK_DISABLED", "true");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318");
        env.put("PUBLIC_BASE_URL", config.url("gateway"));
        env.put("CONSENT_SERVICE_URL", config.url("consent-service"));
        env.put("ACCOUNTS_SERVICE_URL", config.url("accounts-service"));
        env.put("OFFERS_SERVICE_URL", config.url("partner-offers-service"));
        return env;
    }
}
