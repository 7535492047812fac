package org.openbanking.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The official UK Open Banking Account and Transaction API v3.1.11 schemas that the partner API uses, transcribed into
 * {@code obie/account-info-v3.1.11-schemas.json} (source and version named there), and an OpenAPI document that puts
 * them on the platform's partner routes, so that a validator no one here wrote can hold each response against them.
 *
 * <p>
 * The routes and the schemas they answer with are those of the official document's paths ({@code /accounts} →
 * OBReadAccount6, and so on); every error, whatever its status, is an OBErrorResponse1. One deviation is applied, and
 * only one, because the contract says otherwise ({@link #DEVIATION_PATH}).
 */
final class ObieSchemas {

    static final String RESOURCE = "/obie/account-info-v3.1.11-schemas.json";
    static final String AISP = "/open-banking/v3.1/aisp";

    /** Partner route (OpenAPI template) → the official schema of its success body, by method and status. */
    static final Map<String, Map<String, String>> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put(AISP + "/account-access-consents", Map.of("post 201", "OBReadConsentResponse1"));
        ROUTES.put(AISP + "/account-access-consents/{ConsentId}",
                Map.of("get 200", "OBReadConsentResponse1", "delete 204", ""));
        ROUTES.put(AISP + "/accounts", Map.of("get 200", "OBReadAccount6"));
        ROUTES.put(AISP + "/accounts/{AccountId}", Map.of("get 200", "OBReadAccount6"));
        ROUTES.put(AISP + "/accounts/{AccountId}/balances", Map.of("get 200", "OBReadBalance1"));
        ROUTES.put(AISP + "/accounts/{AccountId}/transactions", Map.of("get 200", "OBReadTransaction6"));
        ROUTES.put(AISP + "/offers", Map.of("get 200", "OBReadOffer1"));
    }

    /**
     * Where the contract deliberately departs from v3.1.11, and why. OBIE v3.1's consent statuses end at Revoked:
     * it has none for a consent whose ExpirationDateTime has passed (v4 added one). The contract makes reads report
     * the true status, so a partner reading an expired consent gets {@code Expired}. Documented in the README's table
     * of extensions.
     */
    static final String DEVIATION_PATH = "OBReadConsentResponse1.Data.Status";
    static final String DEVIATION_VALUE = "Expired";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObieSchemas() {
    }

    /** The transcribed file: {@code info} (source, version) and {@code components.schemas}. */
    static JsonNode transcribed() {
        try (InputStream in = ObieSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The official schemas as published, without the deviation. */
    static ObjectNode officialSchemas() {
        return (ObjectNode) transcribed().path("components").path("schemas").deepCopy();
    }

    /**
     * JSON Schema leaves an object open unless it says {@code additionalProperties: false}, and OBIE relies on that: it
     * closes some objects (Links, OBAccount6, the top level of each body) and leaves others open for additions (a
     * consent's Data, an offer). The validator closes every object that does not say, so the open ones are said open.
     */
    private static void openWhereOpen(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", true);
            }
            object.forEach(ObieSchemas::openWhereOpen);
        } else if (schema instanceof ArrayNode array) {
            array.forEach(ObieSchemas::openWhereOpen);
        }
    }

    /** An OpenAPI 3.0 document: the partner routes answering with the official schemas, errors as OBErrorResponse1. */
    static String document() {
        ObjectNode schemas = officialSchemas();
        // The one deviation: one more value in the enum at DEVIATION_PATH.
        String[] at = DEVIATION_PATH.split("\\.");
        ObjectNode node = schemas.with(at[0]);
        for (int i = 1; i < at.length; i++) {
            node = node.with("properties").with(at[i]);
        }
        node.withArray("enum").add(DEVIATION_VALUE);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "OBIE v3.1.11 account-info schemas on the platform's partner routes")
                .put("version", transcribed().path("info").path("version").asText());
        ObjectNode paths = doc.putObject("paths");
        ROUTES.forEach((route, operations) -> {
            ObjectNode path = paths.putObject(route);
            operations.forEach((operation, schema) -> {
                String[] parts = operation.split(" ");
                ObjectNode responses = path.with(parts[0]).with("responses");
                if (parts[0].equals("post")) {
                    // Requests: OBReadConsent1 (ObieConformanceSystemTest checks a spec-valid one is accepted).
                    path.with(parts[0]).putObject("requestBody").putObject("content").putObject("application/json")
                            .putObject("schema").put("$ref", "#/components/schemas/OBReadConsent1");
                }
                ObjectNode success = responses.putObject(parts[1]).put("description", schema.isEmpty() ? "No body" : schema);
                if (!schema.isEmpty()) {
                    success.putObject("content").putObject("application/json").putObject("schema")
                            .put("$ref", "#/components/schemas/" + schema);
                }
                responses.putObject("default").put("description", "Any error").putObject("content")
                        .putObject("application/json").putObject("schema")
                        .put("$ref", "#/components/schemas/OBErrorResponse1");
            });
            for (String parameter : List.of("ConsentId", "AccountId")) {
                if (route.contains("{" + parameter + "}")) {
                    path.withArray("parameters").addObject().put("name", parameter).put("in", "path").put("required", true)
                            .putObject("schema").put("type", "string");
                }
            }
        });
        schemas.forEach(ObieSchemas::openWhereOpen);
        doc.putObject("components").set("schemas", schemas);
        try {
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
