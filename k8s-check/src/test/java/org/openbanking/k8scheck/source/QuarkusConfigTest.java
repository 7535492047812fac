package org.openbanking.k8scheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class QuarkusConfigTest {

    private static QuarkusConfig prod(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return new QuarkusConfig(properties, "prod");
    }

    @Test
    void theProdProfileOverridesAndOtherProfilesAreIgnored() throws IOException {
        QuarkusConfig config = prod("""
                a.url=${A_URL:http://localhost:1}
                %prod.a.url=${A_URL}
                %test.b=${ONLY_IN_TESTS}
                %dev,prod.c=${C}
                """);
        assertEquals(Map.of("a.url", List.of("A_URL"), "c", List.of("C")), config.unresolved(Map.of()));
        assertEquals("http://a", config.resolve("a.url", Map.of("A_URL", "http://a")).value());
    }

    @Test
    void expressionsResolveThroughEnvironmentPropertiesAndDefaults() throws IOException {
        QuarkusConfig config = prod("""
                server=${SERVER_URL}/realms/x
                client=${server}
                secret=${CLIENT_SECRET:dev-only}
                nested=${MISSING:${FALLBACK}}
                quarkus.http.port=8081
                """);
        Map<String, String> env = Map.of("SERVER_URL", "http://keycloak:8080", "FALLBACK", "f");
        assertEquals("http://keycloak:8080/realms/x", config.resolve("client", env).value());
        assertEquals("dev-only", config.resolve("secret", env).value());
        assertEquals("f", config.resolve("nested", env).value());
        assertEquals("9000", config.resolve("quarkus.http.port", Map.of("QUARKUS_HTTP_PORT", "9000")).value());
    }

    @Test
    void anEmptyValueCountsAsMissing() throws IOException {
        QuarkusConfig config = prod("%prod.db.user=${DB_USER}\n");
        assertEquals(Map.of("db.user", List.of("DB_USER")), config.unresolved(Map.of("DB_USER", "")));
        assertEquals(Map.of(), config.unresolved(Map.of("DB_USER", "consent")));
    }
}
