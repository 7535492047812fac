package org.openbanking.k8scheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class QuarkusConfigTest {

    private static QuarkusConfig prod(String text, Map<String, String> env) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return new QuarkusConfig(properties, "prod", env);
    }

    @Test
    void theProdProfileOverridesAndOtherProfilesAreIgnored() throws IOException {
        String text = """
                a.url=${A_URL:http://localhost:1}
                %prod.a.url=${A_URL}
                %test.b=${ONLY_IN_TESTS}
                %dev,prod.c=${C}
                """;
        QuarkusConfig config = prod(text, Map.of());
        assertEquals(Map.of("a.url", List.of("A_URL"), "c", List.of("C")), config.unresolved());
        assertEquals("${A_URL}", config.raw("a.url"));
        assertNull(config.value("a.url"));
        assertTrue(config.keys().containsAll(List.of("a.url", "c")));
        assertFalse(config.keys().stream().anyMatch(key -> key.startsWith("%") || key.equals("b")),
                () -> config.keys().toString());
        assertEquals("http://a", prod(text, Map.of("A_URL", "http://a", "C", "c")).value("a.url"));
    }

    @Test
    void expressionsResolveThroughEnvironmentPropertiesAndDefaults() throws IOException {
        QuarkusConfig config = prod("""
                server=${SERVER_URL}/realms/x
                client=${server}
                secret=${CLIENT_SECRET:dev-only}
                nested=${MISSING:${FALLBACK}}
                """, Map.of("SERVER_URL", "http://keycloak:8080", "FALLBACK", "f"));
        assertEquals("http://keycloak:8080/realms/x", config.value("client"));
        assertEquals("dev-only", config.value("secret"));
        assertEquals("f", config.value("nested"));
        assertEquals(Map.of(), config.unresolved());
    }

    @Test
    void theMissingVariablesAreTheInnermostAnExpressionNeeds() throws IOException {
        QuarkusConfig config = prod("""
                %prod.gateway.secret=${DASHBOARD_SECRET}
                state-secret=${gateway.secret}
                both=${X1}-${X2}-${X1}
                nested=${MISSING:${FALLBACK}}
                other=${some.property}
                """, Map.of());
        assertEquals(Map.of("gateway.secret", List.of("DASHBOARD_SECRET"), "state-secret", List.of("DASHBOARD_SECRET"),
                "both", List.of("X1", "X2"), "nested", List.of("FALLBACK"), "other", List.of("SOME_PROPERTY")),
                config.unresolved());
    }

    @Test
    void anEnvironmentVariableOverridesAPropertyBySmallRyesNameMapping() throws IOException {
        QuarkusConfig config = prod("""
                quarkus.http.port=8081
                quarkus.rest-client.accounts-service.url=${ACCOUNTS_SERVICE_URL}
                """, Map.of("QUARKUS_HTTP_PORT", "9000", "QUARKUS_REST_CLIENT_ACCOUNTS_SERVICE_URL", "http://accounts"));
        assertEquals("9000", config.value("quarkus.http.port"));
        assertEquals("http://accounts", config.value("quarkus.rest-client.accounts-service.url"));
        assertEquals(Map.of(), config.unresolved());
    }

    @Test
    void anEmptyVariableCountsAsMissing() throws IOException {
        String text = "%prod.db.user=${DB_USER}\n";
        assertEquals(Map.of("db.user", List.of("DB_USER")), prod(text, Map.of("DB_USER", "")).unresolved());
        assertEquals(Map.of(), prod(text, Map.of("DB_USER", "consent")).unresolved());
    }
}
