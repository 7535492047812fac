package org.openbanking.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openbanking.k8scheck.render.KubectlRenderer;

/**
 * A copy of the repository with one mistake seeded makes the check fail, naming that mistake; the same copy without
 * it passes. Each case edits text exactly once per edit (an edit that does not apply fails the test).
 */
class SeededMistakesTest {

    /** Replace {@code find} (which must occur exactly once) by {@code replace}; an empty find appends. */
    record Edit(String file, String find, String replace) {
    }

    record Mistake(String name, String rule, String expected, List<Edit> edits) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Mistake mistake(String name, String rule, String expected, Edit... edits) {
        return new Mistake(name, rule, expected, List.of(edits));
    }

    private static Edit edit(String file, String find, String replace) {
        return new Edit(file, find, replace);
    }

    /** The build's Keycloak version, from the root pom (the rule's one source). */
    private static final String KEYCLOAK = keycloakVersion();

    private static String keycloakVersion() {
        try {
            String pom = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("ob.root", ".."), "pom.xml"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<keycloak\\.version>([^<]+)<").matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("pom.xml names no keycloak.version");
            }
            return m.group(1).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String BASE = "k8s/base/";
    private static final String DEV = "k8s/overlays/dev/";
    private static final String PROD = "k8s/overlays/prod/";

    static Stream<Mistake> mistakes() {
        return Stream.of(
                mistake("an unknown field", "schema", "livenessprobe: unknown field",
                        edit(BASE + "gateway.yaml", "          livenessProbe:\n", "          livenessprobe:\n")),
                mistake("a field of the wrong type", "schema", "containerPort: expected an integer, found the string \"8082\"",
                        edit(BASE + "accounts-service.yaml", "containerPort: 8082", "containerPort: \"8082\"")),
                mistake("a missing required field", "schema", "containers[0].name: required field missing",
                        edit(BASE + "consent-service.yaml", "        - name: consent-service\n          image:",
                                "        - image:")),
                mistake("an API type under the wrong apiVersion", "schema",
                        "apiVersion policy/v1beta1 kind PodDisruptionBudget: not a Kubernetes API type",
                        edit(PROD + "disruption-budgets.yaml",
                                "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: gateway\n",
                                "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: gateway\n")),
                mistake("a Service selector that matches no pod", "reference",
                        "Service/accounts-service: selector {app.kubernetes.io/name=accounts} matches no pod template",
                        edit(BASE + "accounts-service.yaml",
                                "  selector:\n    app.kubernetes.io/name: accounts-service\n  ports:",
                                "  selector:\n    app.kubernetes.io/name: accounts\n  ports:")),
                mistake("a Service targetPort that is no container port", "reference",
                        "targets 8084, which is not a container port of Deployment/partner-offers-service",
                        edit(BASE + "partner-offers-service.yaml", "      targetPort: http", "      targetPort: 8084")),
                mistake("a probe on a path the service does not serve", "probe",
                        "readinessProbe path /q/health/readiness is not served",
                        edit(BASE + "consent-service.yaml", "path: /q/health/ready", "path: /q/health/readiness")),
                mistake("a probe on the API port instead of the management port", "probe",
                        "readinessProbe port http is not where the health endpoints are served (port 9000)",
                        edit(BASE + "accounts-service.yaml", "path: /q/health/ready\n              port: management",
                                "path: /q/health/ready\n              port: http")),
                mistake("the management port open to everyone outside the namespace", "network",
                        "port 8083 is reachable from outside the namespace, but the Ingress does not route to it",
                        edit(BASE + "network-policies.yaml", "          port: 9000\n", "          port: 8083\n")),
                mistake("a liveness probe on the readiness path", "probe",
                        "livenessProbe hits /q/health/ready; it must hit /q/health/live",
                        edit(BASE + "gateway.yaml", "path: /q/health/live", "path: /q/health/ready")),
                mistake("a ConfigMap that does not exist", "reference",
                        "names ConfigMap gateway-configuration, which does not exist",
                        edit(BASE + "gateway.yaml", "name: gateway-config\n", "name: gateway-configuration\n")),
                mistake("a ConfigMap key that does not exist", "reference",
                        "names key KEYCLOAK_ADDRESS of ConfigMap gateway-config",
                        edit(BASE + "gateway.yaml", "          env:\n", """
                                          env:
                                            - name: KEYCLOAK_URL
                                              valueFrom:
                                                configMapKeyRef:
                                                  name: gateway-config
                                                  key: KEYCLOAK_ADDRESS
                                """)),
                mistake("a Secret key that does not exist", "reference",
                        "names key DB_PASSWORD of Secret accounts-service-secrets",
                        edit(DEV + "kustomization.yaml", "      - DB_PASSWORD=dev-only-accounts-db\n", "")),
                mistake("an environment variable the %prod profile needs, not set", "config",
                        "Deployment/consent-service: %prod needs environment variable ACCOUNTS_SERVICE_URL",
                        edit(BASE + "kustomization.yaml", """
                                  - name: consent-service-config
                                    literals:
                                      - MANAGEMENT_PORT=9000
                                      - OIDC_AUTH_SERVER_URL=http://keycloak:8080/realms/openbanking
                                      - ACCOUNTS_SERVICE_URL=http://accounts-service:8082
                                """, """
                                  - name: consent-service-config
                                    literals:
                                      - MANAGEMENT_PORT=9000
                                      - OIDC_AUTH_SERVER_URL=http://keycloak:8080/realms/openbanking
                                """)),
                mistake("a new %prod setting in the code that the manifests do not provide", "config",
                        "%prod needs environment variable CONSENT_RETENTION (for consent.retention)",
                        edit("consent-service/src/main/resources/application.properties", "",
                                "\n%prod.consent.retention=${CONSENT_RETENTION}\n")),
                mistake("a REST client in the code without a URL", "config",
                        "@RegisterRestClient(configKey = \"partner-offers-service\") in OffersApi.java has no quarkus.rest-client.partner-offers-service.url",
                        edit("accounts-service/src/main/java/org/openbanking/accounts/client/OffersApi.java", "", OFFERS_API)),
                mistake("a call the code makes that the NetworkPolicies do not allow (a new client)", "network",
                        "Deployment/accounts-service: calls partner-offers-service on port 8083 (REST client partner-offers-service (OffersApi.java)), but the NetworkPolicies do not allow it",
                        edit("accounts-service/src/main/java/org/openbanking/accounts/client/OffersApi.java", "", OFFERS_API),
                        edit("accounts-service/src/main/resources/application.properties", "",
                                "\n%prod.quarkus.rest-client.partner-offers-service.url=${OFFERS_SERVICE_URL}\n"),
                        edit(BASE + "kustomization.yaml", "  - name: accounts-service-config\n    literals:\n",
                                "  - name: accounts-service-config\n    literals:\n      - OFFERS_SERVICE_URL=http://partner-offers-service:8083\n")),
                mistake("spans exported to a collector the NetworkPolicies do not let them reach", "network",
                        "Deployment/gateway: calls otel-collector of namespace monitoring on port 4318 "
                                + "(quarkus.otel.exporter.otlp.endpoint (quarkus-opentelemetry)), but no NetworkPolicy lets it "
                                + "reach that namespace on that port",
                        edit(PROD + "network-policies.yaml", "          - gateway\n          - consent-service\n"
                                + "          - accounts-service\n          - partner-offers-service\n  policyTypes:",
                                "          - consent-service\n          - accounts-service\n"
                                        + "          - partner-offers-service\n  policyTypes:")),
                mistake("a way out to another namespace that no call needs", "network",
                        "Deployment/gateway: NetworkPolicy trace-export lets it reach pods of other namespaces "
                                + "({matchLabels={kubernetes.io/metadata.name=monitoring}}), which no call needs",
                        edit(PROD + "network-policies.yaml", "          port: 4318\n", "          port: 4317\n")),
                mistake("a NetworkPolicy edge too few (consent-service's ownership check)", "network",
                        "Deployment/consent-service: calls accounts-service on port 8082 (REST client accounts-service (AccountsApi.java)), but the NetworkPolicies do not allow it",
                        edit(BASE + "network-policies.yaml",
                                """
                                            # The ownership check when a user authorises a consent (consent-service asks accounts-service itself).
                                            - to:
                                                - podSelector:
                                                    matchLabels:
                                                      app.kubernetes.io/name: accounts-service
                                              ports:
                                                - protocol: TCP
                                                  port: 8082
                                        """,
                                "")),
                mistake("a NetworkPolicy edge too many", "network",
                        "Deployment/partner-offers-service: may connect to consent-service on port 8081, but no call of partner-offers-service needs it",
                        edit(BASE + "network-policies.yaml", """
                                              app.kubernetes.io/name: gateway
                                      ports:
                                        - protocol: TCP
                                          port: 8081
                                """, """
                                              app.kubernetes.io/name: gateway
                                        - podSelector:
                                            matchLabels:
                                              app.kubernetes.io/name: partner-offers-service
                                      ports:
                                        - protocol: TCP
                                          port: 8081
                                """),
                        edit(BASE + "network-policies.yaml", """
                                  egress:
                                    - to:
                                        - podSelector:
                                            matchLabels:
                                              app.kubernetes.io/name: accounts-service
                                """, """
                                  egress:
                                    - to:
                                        - podSelector:
                                            matchLabels:
                                              app.kubernetes.io/name: consent-service
                                      ports:
                                        - protocol: TCP
                                          port: 8081
                                    - to:
                                        - podSelector:
                                            matchLabels:
                                              app.kubernetes.io/name: accounts-service
                                """)),
                mistake("an egress rule to anywhere", "network",
                        "Deployment/gateway: NetworkPolicy gateway lets it connect to any destination on every port",
                        edit(BASE + "network-policies.yaml", """
                                  egress:
                                    - to:
                                        - podSelector:
                                            matchLabels:
                                              app.kubernetes.io/name: consent-service
                                """, """
                                  egress:
                                    - {}
                                    - to:
                                        - podSelector:
                                            matchLabels:
                                              app.kubernetes.io/name: consent-service
                                """)),
                mistake("an internal service exposed by the Ingress", "shape", "Ingress/openbanking: exposes accounts-service",
                        edit(BASE + "ingress.yaml", "                name: gateway\n",
                                "                name: accounts-service\n")),
                mistake("a container running as root", "security", "container gateway runs as root (runAsUser: 0)",
                        edit(BASE + "gateway.yaml", "runAsUser: 185", "runAsUser: 0")),
                mistake("a container without a read-only root filesystem", "security",
                        "container accounts-service must set readOnlyRootFilesystem: true",
                        edit(BASE + "accounts-service.yaml", "            readOnlyRootFilesystem: true\n", "")),
                mistake("a memory request below the measured footprint", "resources",
                        "memory request 128Mi is below the -Xmx heap (128Mi) plus the measured ~102Mi off-heap",
                        edit(BASE + "consent-service.yaml", "              memory: 256Mi\n", "              memory: 128Mi\n")),
                mistake("a JVM without an explicit heap", "resources",
                        "Deployment/accounts-service: JAVA_OPTS must set the heap",
                        edit(BASE + "accounts-service.yaml", "-Xms64m -Xmx128m ", "-Xms64m ")),
                mistake("a single replica in prod", "shape", "Deployment/accounts-service: needs at least 2 replicas, found 1",
                        edit(PROD + "kustomization.yaml", "  - name: accounts-service\n    count: 2\n", "")),
                mistake("a real secret committed", "secrets", "key DASHBOARD_SECRET holds a value",
                        edit(PROD + "secrets/gateway.env", "DASHBOARD_SECRET=CHANGE_ME",
                                "DASHBOARD_SECRET=s3cr3t-from-a-laptop")),
                mistake("a dev realm that drifted from keycloak/", "realm",
                        "openbanking-realm.json differs from keycloak/openbanking-realm.json",
                        edit(DEV + "keycloak/openbanking-realm.json", "\"accessTokenLifespan\": 300,",
                                "\"accessTokenLifespan\": 3600,")),
                mistake("an image that runs as root", "image", "must end with USER <numeric non-root uid>, found root",
                        edit("k8s/images/Containerfile.service", "USER 185", "USER root")),
                mistake("an image without the fast-jar's libraries", "image",
                        "must COPY --chown=<uid> target/quarkus-app/lib/ (the Quarkus fast-jar layout)",
                        edit("k8s/images/Containerfile.service",
                                "COPY --chown=185:0 ${SERVICE}/target/quarkus-app/lib/ /deployments/lib/\n", "")),
                mistake("a grace period shorter than stopping takes", "shutdown",
                        "Deployment/gateway: terminationGracePeriodSeconds 10 is below what stopping gateway takes: the"
                                + " preStop sleep 5 s + quarkus.shutdown.delay 0 s + quarkus.shutdown.timeout 10 s + 5 s to"
                                + " exit = 20 s",
                        edit(BASE + "gateway.yaml", "terminationGracePeriodSeconds: 20\n",
                                "terminationGracePeriodSeconds: 10\n")),
                mistake("a longer wait for the calls under way in the code, not in the manifests", "shutdown",
                        "Deployment/consent-service: terminationGracePeriodSeconds 15 is below what stopping"
                                + " consent-service takes: the preStop sleep 5 s + quarkus.shutdown.delay 0 s +"
                                + " quarkus.shutdown.timeout 30 s",
                        edit("consent-service/src/main/resources/application.properties",
                                "quarkus.shutdown.timeout=5s\n", "quarkus.shutdown.timeout=30s\n")),
                mistake("a service that stops at once", "shutdown",
                        "Deployment/accounts-service: accounts-service sets no quarkus.shutdown.timeout",
                        edit("accounts-service/src/main/resources/application.properties",
                                "quarkus.shutdown.timeout=5s\n", "")),
                mistake("no pre-stop delay", "shutdown", "container partner-offers-service has no preStop sleep",
                        edit(BASE + "partner-offers-service.yaml",
                                "          lifecycle:\n            preStop:\n              sleep:\n                seconds: 5\n",
                                "")),
                mistake("a deployed Keycloak that is not the tested one", "keycloak-version",
                        "image registry.example.com/openbanking/keycloak:26.0.0 is not the build's Keycloak " + KEYCLOAK,
                        edit(PROD + "kustomization.yaml", "    newTag: " + KEYCLOAK + "\n", "    newTag: 26.0.0\n")));
    }

    private static final String OFFERS_API = """
            package org.openbanking.accounts.client;

            import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

            @RegisterRestClient(configKey = "partner-offers-service")
            public interface OffersApi {
            }
            """;

    @Test
    void theUnbrokenCopyPasses(@TempDir Path temp) {
        Path copy = RepositoryCopy.of(RepositoryCopy.root(), temp);
        K8sCheck.Report report = new K8sCheck(copy, KubectlRenderer.require()).run();
        assertTrue(report.passed(), report::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void theCheckFailsOnTheMistakeAndNamesIt(Mistake mistake, @TempDir Path temp) throws IOException {
        Path copy = RepositoryCopy.of(RepositoryCopy.root(), temp);
        for (Edit edit : mistake.edits()) {
            apply(copy, edit);
        }
        K8sCheck.Report report = new K8sCheck(copy, KubectlRenderer.require()).run();
        assertFalse(report.passed(), "the check passed despite " + mistake.name());
        assertTrue(report.of(mistake.rule()).stream().anyMatch(f -> f.toString().contains(mistake.expected())),
                "no " + mistake.rule() + " finding containing '" + mistake.expected() + "' in:\n" + report);
    }

    private static void apply(Path copy, Edit edit) throws IOException {
        Path file = copy.resolve(edit.file());
        if (edit.find().isEmpty()) {
            Files.createDirectories(file.getParent());
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            Files.writeString(file, before + edit.replace(), StandardCharsets.UTF_8);
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int first = text.indexOf(edit.find());
        assertTrue(first >= 0, "the seeded edit does not apply to " + edit.file() + ": " + edit.find());
        assertEquals(-1, text.indexOf(edit.find(), first + 1), "the seeded edit is ambiguous in " + edit.file());
        Files.writeString(file, text.replace(edit.find(), edit.replace()), StandardCharsets.UTF_8);
    }
}
