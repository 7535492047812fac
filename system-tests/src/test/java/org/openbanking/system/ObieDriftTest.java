package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * The project's OpenAPI document cannot drift from the official OBIE v3.1.11 schemas: for every partner operation,
 * each body the document allows must be one the official schema allows, field by field (types, formats, enums,
 * lengths, closed objects), the official required fields must be required, and every field OBIE does not define must
 * be one of the documented, additive extensions ({@link #EXTENSIONS}, the README's table). Runs without the stack.
 */
class ObieDriftTest {

    /** Where the project adds to OBIE, by the official schema's path, and why (the README's table says the same). */
    static final Map<String, String> EXTENSIONS = new LinkedHashMap<>();

    static {
        EXTENSIONS.put("OBReadConsent1.Data.Purpose", "what the data is for, shown to the user verbatim");
        EXTENSIONS.put("OBReadConsent1.Data.FrequencyPerDay", "unattended calls a day, as in the Berlin Group");
        EXTENSIONS.put("OBReadConsentResponse1.Data.Purpose", "as requested");
        EXTENSIONS.put("OBReadConsentResponse1.Data.FrequencyPerDay", "as requested, default 4");
        EXTENSIONS.put("OBReadConsentResponse1.Data.ProhibitedUses", "Advertising, Profiling, Resale: fixed");
        EXTENSIONS.put("OBReadConsentResponse1.Data.StatusReason", "why the status is what it is");
        EXTENSIONS.put("OBReadConsentResponse1.Data.PartnerId", "the partner the consent belongs to");
        EXTENSIONS.put("OBReadConsentResponse1.Data.PartnerName", "as the user sees it");
        EXTENSIONS.put("OBReadConsentResponse1.Data.AccountIds", "the accounts the user selected, once authorised");
        EXTENSIONS.put("OBReadOffer1.Data.Offer.BankName", "the bank that publishes the offer");
        EXTENSIONS.put("OBReadOffer1.Data.Offer.Title", "the offer's title");
        EXTENSIONS.put("OBReadOffer1.Data.Offer.ProductType", "the bank's product type that OfferType maps");
        EXTENSIONS.put("OBReadOffer1.Data.Offer.Fees", "the bank's words about fees");
    }

    /** operationId in the project's document → the official schema of its request or success body. */
    static final Map<String, String> OPERATIONS = Map.of(
            "createConsent request", "OBReadConsent1",
            "createConsent 201", "OBReadConsentResponse1",
            "getConsent 200", "OBReadConsentResponse1",
            "getAccounts 200", "OBReadAccount6",
            "getAccount 200", "OBReadAccount6",
            "getBalances 200", "OBReadBalance1",
            "getTransactions 200", "OBReadTransaction6",
            "getOffers 200", "OBReadOffer1");

    @Test
    void theProjectsDocumentAllowsOnlyWhatTheOfficialSchemasAllowPlusTheDocumentedExtensions() throws IOException {
        JsonNode official = ObieSchemas.officialSchemas();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI ours = new OpenAPIV3Parser().readContents(Files.readString(ContractLintTest.DOCUMENT), null, options)
                .getOpenAPI();
        Map<String, Operation> operations = new LinkedHashMap<>();
        ours.getPaths().values().forEach(item -> item.readOperations().forEach(o -> operations.put(o.getOperationId(), o)));
        List<String> drift = new ArrayList<>();
        Set<String> extensionsSeen = new TreeSet<>();
        OPERATIONS.forEach((operation, schema) -> {
            String[] parts = operation.split(" ");
            Operation op = operations.get(parts[0]);
            assertTrue(op != null, "the document has no operation " + parts[0]);
            Schema<?> body = parts[1].equals("request")
                    ? op.getRequestBody().getContent().get("application/json").getSchema()
                    : op.getResponses().get(parts[1]).getContent().get("application/json").getSchema();
            compare(body, official.path(schema), official, schema, drift, extensionsSeen);
        });
        assertEquals(List.of(), drift, "the document drifts from OBIE v3.1.11");
        // Every documented extension is still one: a stale entry would hide a future drift.
        assertEquals(new TreeSet<>(EXTENSIONS.keySet()), extensionsSeen);
    }

    @Test
    void theOfficialSchemasRefuseWhatThePartnerApiUsedToSend() {
        OpenApiInteractionValidator official = OpenApiInteractionValidator
                .createForInlineApiSpecification(ObieSchemas.document()).build();
        String accounts = ObieSchemas.AISP + "/accounts";
        String links = "\"Links\":{\"Self\":\"http://localhost:8080" + accounts + "\"},\"Meta\":{}";
        assertFalse(errors(official, accounts, "{\"Data\":{\"Account\":[{\"AccountId\":\"acc-1\",\"Currency\":\"EUR\","
                + "\"AccountType\":\"Personal\",\"AccountSubType\":\"CurrentAccount\"}]}," + links + "}"),
                "a conformant body passes");
        assertTrue(errors(official, accounts, "{\"Data\":{\"Account\":[{\"AccountId\":\"acc-1\",\"Currency\":\"EUR\","
                + "\"MaskedIdentification\":\"DE89****3000\"}]}," + links + "}"), "MaskedIdentification is not OBAccount6's");
        assertTrue(errors(official, accounts, "{\"Data\":{\"Account\":[{\"AccountId\":\"acc-1\",\"AccountSubType\":"
                + "\"Prepaid\"}]}," + links + "}"), "Prepaid is not an OBIE sub-type");
        assertTrue(errors(official, ObieSchemas.AISP + "/account-access-consents/aac-1",
                "{\"Data\":{\"ConsentId\":\"aac-1\",\"Status\":\"Authorised\",\"CreationDateTime\":\"2026-12-03T12:00:00Z\","
                        + "\"StatusUpdateDateTime\":\"2026-12-03T12:00:00Z\",\"Permissions\":[\"ReadAccountsBasic\"]},"
                        + links + "}"),
                "a consent response needs Risk");
        assertTrue(errors(official, ObieSchemas.AISP + "/offers", "{\"Data\":{\"Offer\":[{\"PlacementId\":\"plc-1\"}]}}"),
                "an offer needs its AccountId");
    }

    private static boolean errors(OpenApiInteractionValidator validator, String path, String body) {
        ValidationReport report = validator.validateResponse(path, Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(body).build());
        return report.hasErrors();
    }

    /** Is everything {@code ours} allows allowed by {@code theirs}? Findings go to {@code drift}. */
    private static void compare(Schema<?> ours, JsonNode theirs, JsonNode all, String path, List<String> drift,
            Set<String> extensionsSeen) {
        theirs = resolve(theirs, all);
        String type = theirs.path("type").asText(null);
        String ourType = ours.getType() != null
                ? ours.getType()
                : ours.getProperties() != null ? "object" : ours.getItems() != null ? "array" : null;
        if (type != null && !type.equals(ourType)) {
            drift.add(path + ": type " + ourType + ", OBIE " + type);
            return;
        }
        if (theirs.has("format") && !theirs.path("format").asText().equals(ours.getFormat())
                && !theirs.path("format").asText().equals("int32")) {
            drift.add(path + ": format " + ours.getFormat() + ", OBIE " + theirs.path("format").asText());
        }
        if (theirs.has("enum")) {
            Set<String> allowed = new TreeSet<>();
            theirs.path("enum").forEach(v -> allowed.add(v.asText()));
            if (path.equals(ObieSchemas.DEVIATION_PATH)) {
                allowed.add(ObieSchemas.DEVIATION_VALUE);
            }
            if (ours.getEnum() == null || ours.getEnum().isEmpty()) {
                drift.add(path + ": any value, OBIE only " + allowed);
            } else {
                ours.getEnum().stream().map(String::valueOf).filter(v -> !allowed.contains(v))
                        .forEach(v -> drift.add(path + ": " + v + " is not among OBIE's " + allowed));
            }
        }
        if (theirs.has("maxLength")) {
            int max = theirs.path("maxLength").asInt();
            if (ours.getMaxLength() == null || ours.getMaxLength() > max) {
                drift.add(path + ": maxLength " + ours.getMaxLength() + ", OBIE " + max);
            }
        }
        if ("array".equals(type)) {
            if (ours.getItems() != null) {
                compare(ours.getItems(), theirs.path("items"), all, path, drift, extensionsSeen);
            }
            return;
        }
        if (!"object".equals(type) && !theirs.has("properties")) {
            return;
        }
        List<String> required = ours.getRequired() == null ? List.of() : ours.getRequired();
        theirs.path("required").forEach(r -> {
            if (!required.contains(r.asText())) {
                drift.add(path + "." + r.asText() + ": OBIE requires it, the document does not");
            }
        });
        boolean closed = theirs.path("additionalProperties").isBoolean() && !theirs.path("additionalProperties").asBoolean();
        if (ours.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> property : ours.getProperties().entrySet()) {
            String name = property.getKey();
            String at = path + "." + name;
            JsonNode theirsProperty = theirs.path("properties").path(name);
            if (!theirsProperty.isMissingNode()) {
                compare(property.getValue(), theirsProperty, all, at, drift, extensionsSeen);
            } else if (closed) {
                drift.add(at + ": OBIE's object is closed, no extension is possible here");
            } else if (EXTENSIONS.containsKey(at)) {
                extensionsSeen.add(at);
            } else {
                drift.add(at + ": not OBIE's and not a documented extension");
            }
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode all) {
        while (schema.has("$ref")) {
            schema = all.path(schema.path("$ref").asText().replace("#/components/schemas/", ""));
        }
        return schema;
    }
}
