package org.openbanking.system;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every response of a system test that comes from a gateway's public API is checked against the OpenAPI document
 * that the running gateway serves at {@code /q/openapi}: the status must be one the operation declares, the body must
 * match its schema, {@code x-fapi-interaction-id} must be there. Besides the document, every error must be the
 * contract's envelope whose {@code Id} is the response's interaction id, with nothing internal in it. Every response of
 * the partner API is also held against the official OBIE v3.1.11 schemas ({@link ObieSchemas}). A breach fails the
 * test that made the call. (Requests are not held against OBReadConsent1 here: the contract accepts any ISO 8601
 * date-time with an offset, e.g. without seconds, which RFC 3339 and so OBIE's schema do not; that a spec-valid
 * request is accepted is {@link ObieConformanceSystemTest}'s.)
 *
 * <p>
 * Requests are not checked here: the security tests send bad ones on purpose ({@link ContractLintTest} checks that the
 * document's request schemas accept the story's requests and refuse bad ones). Not checked: calls to Keycloak, health
 * and metrics, and calls with a session cookie (the dashboard's browser traffic, HTML rather than this API).
 */
final class ContractValidation implements OrderedFilter {

    private static final List<String> API = List.of("/open-banking/", "/me/", "/banks/", "/admin/");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    /** What must never reach a caller: stack traces, class names, SQL, the services' internal addresses. */
    static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\tat |org\\.openbanking\\.|io\\.quarkus|io\\.vertx|jdbc:|SQLState|syntax error at|"
                    + "PSQLException|duplicate key|localhost:1808[1-3]|/internal/");
    private static final AtomicLong CHECKED = new AtomicLong();
    private static final AtomicLong CHECKED_OBIE = new AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiInteractionValidator validator;
    /** The official schemas on the partner routes: an independent check that the project's document cannot weaken. */
    private final OpenApiInteractionValidator official;
    private final Set<Integer> ports;

    ContractValidation(String specificationUrl, Set<Integer> ports) {
        // Only the response side counts here; request findings are not failures of the system under test.
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(specificationUrl)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.INFO)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.INFO)
                        .build())
                .build();
        this.official = OpenApiInteractionValidator.createForInlineApiSpecification(ObieSchemas.document()).build();
        this.ports = ports;
    }

    /** How many responses have been checked in this JVM so far. */
    static long checked() {
        return CHECKED.get();
    }

    /** How many partner responses have been held against the official OBIE schemas in this JVM so far. */
    static long checkedAgainstObie() {
        return CHECKED_OBIE.get();
    }

    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE; // outermost: it sees the response exactly as the test does
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = uri.getRawPath();
        if (!ports.contains(uri.getPort()) || API.stream().noneMatch(path::startsWith) || !METHODS.contains(request.getMethod())
                || request.getHeaders().hasHeaderWithName("Cookie")) {
            return response;
        }
        check(request.getMethod(), path, response);
        CHECKED.incrementAndGet();
        if (path.startsWith(ObieSchemas.AISP + "/") && !path.endsWith("/events")) {
            checkObie(request.getMethod(), path, response);
            CHECKED_OBIE.incrementAndGet();
        }
        return response;
    }

    /** The official v3.1.11 schemas, for every response of the partner API. */
    void checkObie(String method, String path, Response response) {
        List<String> breaches = new java.util.ArrayList<>();
        ValidationReport report = official.validateResponse(path, Request.Method.valueOf(method),
                RestAssuredResponse.of(response));
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> breaches.add("  response " + m.getKey() + ": " + m.getMessage()));
        if (!breaches.isEmpty()) {
            throw new AssertionError(method + " " + path + " → " + response.statusCode()
                    + " breaks the official OBIE v3.1.11 schemas:\n" + String.join("\n", breaches) + "\nbody: "
                    + abbreviate(response.asString()));
        }
    }

    void check(String method, String path, Response response) {
        int status = response.statusCode();
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method),
                RestAssuredResponse.of(response));
        boolean undeclared = report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
        String interaction = response.header("x-fapi-interaction-id");
        if (undeclared && status < 400) {
            // Another spelling of a route, or a method it does not have, may be refused but never served.
            throw new AssertionError(method + " " + path + " answered " + status + " but the contract has no such operation");
        }
        if (!undeclared && report.hasErrors()) {
            throw new AssertionError(method + " " + path + " → " + status + " breaks the contract:\n"
                    + report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                            .map(m -> "  " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n"))
                    + "\nbody: " + abbreviate(response.asString()));
        }
        if (status >= 400) {
            assertEnvelope(method + " " + path, response, interaction);
        }
    }

    /** The contract's envelope, its {@code Id} the response's interaction id, nothing internal. */
    static void assertEnvelope(String call, Response response, String interaction) {
        String body = response.asString();
        if (interaction == null
                || !interaction.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new AssertionError(call + " → " + response.statusCode() + " has no proper x-fapi-interaction-id: "
                    + interaction);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body); // Jackson, not JsonPath: this runs for every error of thousands of requests
        } catch (IOException e) {
            throw new AssertionError(call + " → " + response.statusCode() + " is not JSON: " + abbreviate(body));
        }
        if (json == null || !json.path("Code").isTextual() || !interaction.equals(json.path("Id").asText())
                || !json.path("Message").isTextual() || !json.path("Errors").isArray() || json.path("Errors").isEmpty()
                || !json.path("Errors").path(0).path("ErrorCode").isTextual()) {
            throw new AssertionError(call + " → " + response.statusCode() + " is not the envelope with Id " + interaction
                    + ": " + abbreviate(body));
        }
        if (INTERNALS.matcher(body).find()) {
            throw new AssertionError(call + " → " + response.statusCode() + " reveals internals: " + abbreviate(body));
        }
    }

    static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
