package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.path.json.JsonPath;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * The gateway's OpenAPI document is the contract: Spectral's OpenAPI rules find no error in it, the running gateway
 * serves exactly it, it names every public route (and no other), and its request schemas accept the story's requests
 * while refusing bad ones ({@link ContractValidation} checks every response of the system tests against it).
 */
class ContractLintTest {

    static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";
    static final Path ROOT = Path.of(System.getProperty("ob.root", "..")).toAbsolutePath().normalize();
    static final Path DOCUMENT = ROOT.resolve("gateway/src/main/resources/META-INF/openapi.yaml");

    @Test
    void spectralFindsNoErrorInTheDocument() throws Exception {
        Path home = ROOT.resolve("system-tests/target/spectral");
        Path spectral = home.resolve("node_modules/.bin/spectral");
        if (!Files.isExecutable(spectral)) {
            if (!available("npm")) {
                String why = "npm (Node.js 18+) is needed to install Spectral (" + SPECTRAL + ")";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(why + "; CI must provide it");
                }
                Assumptions.abort(why + "; not found, so the lint is skipped on this machine");
            }
            Files.createDirectories(home);
            run(List.of("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund", "--loglevel=error",
                    SPECTRAL), home, 300);
        }
        Path report = home.resolve("report.json");
        Files.deleteIfExists(report);
        Run lint = run(List.of(spectral.toString(), "lint", "--ruleset", ROOT.resolve("gateway/.spectral.yaml").toString(),
                "--format", "json", "--output", report.toString(), "--fail-severity", "error", DOCUMENT.toString()), home, 120);
        assertTrue(Files.exists(report), "Spectral wrote no report:\n" + lint.output);
        List<Map<String, Object>> results = JsonPath.from(Files.readString(report)).getList("$");
        List<String> errors = results.stream().filter(r -> ((Number) r.get("severity")).intValue() == 0)
                .map(r -> r.get("code") + " at " + r.get("path") + ": " + r.get("message")).toList();
        System.out.println("[contract] Spectral (spectral:oas): " + errors.size() + " errors, "
                + (results.size() - errors.size()) + " warnings/infos");
        assertEquals(List.of(), errors, "Spectral errors in " + DOCUMENT);
        assertEquals(0, lint.exit, "Spectral failed:\n" + lint.output);
    }

    @Test
    void theGatewayServesExactlyTheDocumentAndItNamesEveryPublicRoute() throws IOException {
        SystemStack.start();
        Set<String> committed = operations(new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT)).getOpenAPI());
        String served = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        assertEquals(committed, operations(new OpenAPIV3Parser().readContents(served).getOpenAPI()),
                "/q/openapi is the committed document");
        Set<String> routes = new TreeSet<>();
        for (AuthorizationMatrixSystemTest.Route route : AuthorizationMatrixSystemTest.ROUTES) {
            routes.add(route.method() + " " + route.template());
        }
        assertEquals(routes, committed, "the document and the gateway's public routes");
    }

    @Test
    void theRequestSchemasAcceptTheStorysRequestsAndRefuseBadOnes() {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(DOCUMENT.toString()).build();
        // With the seconds always written: RFC 3339, which the document's date-time format is, requires them.
        String expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
        String good = "{\"Data\":{\"Permissions\":[\"ReadAccountsDetail\",\"ReadBalances\"],\"ExpirationDateTime\":\""
                + expires + "\",\"Purpose\":{\"Code\":\"PersonalFinanceManagement\",\"Description\":\"Budgeting\"},"
                + "\"FrequencyPerDay\":4},\"Risk\":{}}";
        assertNoErrors(validator.validateRequest(consentRequest(good)));
        assertNoErrors(validator.validateRequest(SimpleRequest.Builder.post("/me/consents/aac-1/authorise")
                .withHeader("Authorization", "Bearer x").withContentType("application/json")
                .withBody("{\"AccountIds\":[\"acc-1\"]}").build()));
        for (String bad : List.of(good.replace("ReadBalances", "ReadEverything"), good.replace("4}", "0}"),
                good.replace("\"Budgeting\"", "\"\""), "{\"Risk\":{}}", good.replace(expires, "tomorrow"),
                good.replace("[\"ReadAccountsDetail\",\"ReadBalances\"]", "[\"ReadAccountsDetail\",\"ReadAccountsDetail\"]"))) {
            assertTrue(validator.validateRequest(consentRequest(bad)).hasErrors(), "the document accepts " + bad);
        }
        assertTrue(validator.validateRequest(SimpleRequest.Builder.post("/me/consents/aac-1/authorise")
                .withHeader("Authorization", "Bearer x").withContentType("application/json")
                .withBody("{\"AccountIds\":[]}").build()).hasErrors(), "an empty account list is refused");
    }

    private static SimpleRequest consentRequest(String body) {
        return SimpleRequest.Builder.post("/open-banking/v3.1/aisp/account-access-consents")
                .withHeader("Authorization", "Bearer x").withContentType("application/json").withBody(body).build();
    }

    private static void assertNoErrors(ValidationReport report) {
        assertFalse(report.hasErrors(), () -> report.getMessages().toString());
    }

    static Set<String> operations(OpenAPI api) {
        Set<String> operations = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.add(method.name() + " " + path)));
        return operations;
    }

    private record Run(int exit, String output) {
    }

    private static boolean available(String command) {
        try {
            return run(List.of(command, "--version"), ROOT, 30).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Run run(List<String> command, Path directory, int timeoutSeconds) throws IOException {
        // Output to a file, not a pipe: npm can write more than a pipe holds while nobody reads it.
        Path log = Files.createTempFile("contract-lint", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took more than " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }
}
