package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.openbanking.system.AuthorizationMatrixSystemTest.Route;
import org.openbanking.system.Junk.Body;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * Thousands of generated bad requests against every public route of the running platform (jqwik): bodies that break
 * every rule and JSON itself, headers, query strings and path ids of every kind. Every answer is a 4xx in the contract's
 * envelope (checked against the OpenAPI document too) with the echoed or a fresh interaction id, never a 5xx; only reads
 * may answer 2xx; and the databases are unchanged after each property, except for the access receipts of the partner
 * reads that were served, which must match them one for one.
 */
@AddLifecycleHook(BadInputFuzzTest.FalsifiedTries.class)
class BadInputFuzzTest {

    static final String AISP = "/open-banking/v3.1/aisp";
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final ConcurrentMap<String, LongAdder> TRIED = new ConcurrentHashMap<>();
    static final ConcurrentMap<Integer, LongAdder> STATUSES = new ConcurrentHashMap<>();
    static final AtomicLong SERVED_READS = new AtomicLong();
    // This property's answers by interaction id: all of them, and those that carried a partner's data.
    static final Set<String> ANSWERED = ConcurrentHashMap.newKeySet();
    static final Queue<String> SERVED = new ConcurrentLinkedQueue<>(); // the same id may be sent twice
    static final LongAdder NANOS_IN_REQUESTS = new LongAdder();
    static final long STARTED = System.nanoTime();

    static String nonce = Long.toString(System.nanoTime(), 36);
    static List<Fresh> partners = new ArrayList<>(); // partners onboarded for the fuzzing
    static List<String> consents = new ArrayList<>(); // one authorised consent per partner, alice's first account
    static Fresh alice = new Fresh(() -> Tokens.user("alice"));
    static Fresh bank = new Fresh(() -> Tokens.bank("bank-alpha"));
    static Fresh operator = new Fresh(() -> Tokens.user("ops"));
    static String aliceAccount;
    static String bobAccount;
    static String pendingConsent; // of partners[0], awaiting authorisation
    static String placement; // of partners[0]
    static String draftOffer; // bank-alpha's
    static String loadedUser;
    static String loadedAccount;

    static List<String> ours = new ArrayList<>(); // every consent the fuzzing made, in any state
    static Map<String, String> before;
    static Set<String> receiptsBefore;
    static boolean stateChangesExpected;
    static volatile boolean falsified;

    /**
     * Notes that a try of the running property failed its own checks. The state check after the property then stays
     * silent: an answer that failed a check was never counted, and the property's own first failure is the one to read.
     */
    public static class FalsifiedTries implements AroundTryHook {

        @Override
        public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
            TryExecutionResult result = aTry.execute(parameters);
            if (result.isFalsified()) {
                falsified = true;
            }
            return result;
        }
    }

    @BeforeContainer
    static void partiesAndResources() {
        SystemStack.start();
        aliceAccount = as(alice.get()).get("/me/accounts").then().statusCode(200).extract().path("Data.Account[0].AccountId");
        bobAccount = as(Tokens.user("bob")).get("/me/accounts").then().statusCode(200).extract()
                .path("Data.Account[0].AccountId");
        // Several partners, so that the per-partner rate limit (50/s) leaves the requests to the rules being tested.
        for (int i = 0; i < 4; i++) {
            var created = as(operator.get())
                    .body(Map.of("Name", "Fuzz partner " + i + " " + nonce, "Contact", "fuzz@partner.example"))
                    .post("/admin/partners").then().statusCode(201).extract().jsonPath();
            Fresh partner = new Fresh(() -> Tokens.clientCredentials(created.getString("ClientId"),
                    created.getString("ClientSecret")));
            partners.add(partner);
            String token = partner.get();
            String consent = createConsent(token, List.of("ReadAccountsDetail", "ReadBalances", "ReadTransactionsDetail",
                    "ReadTransactionsCredits", "ReadTransactionsDebits"), "PersonalFinanceManagement");
            as(alice.get()).body(Map.of("AccountIds", List.of(aliceAccount))).post("/me/consents/{c}/authorise", consent).then()
                    .statusCode(200);
            consents.add(consent);
        }
        pendingConsent = createConsent(partner(0), List.of("ReadAccountsBasic"), "AccountAggregation");
        draftOffer = as(bank.get()).body(AuthorizationMatrixSystemTest.offerBody("Fuzz draft " + nonce)).post("/banks/offers")
                .then().statusCode(201).extract().path("OfferId");
        String published = as(bank.get()).body(AuthorizationMatrixSystemTest.offerBody("Fuzz card " + nonce))
                .post("/banks/offers").then().statusCode(201).extract().path("OfferId");
        as(bank.get()).post("/banks/offers/{o}/publish", published).then().statusCode(200);
        String offers = createConsent(partner(0), List.of("ReadAccountsBasic", "ReadOffers"), "OfferPlacement");
        as(alice.get()).body(Map.of("AccountIds", List.of(aliceAccount))).post("/me/consents/{c}/authorise", offers).then()
                .statusCode(200);
        ours.addAll(consents);
        ours.add(pendingConsent);
        ours.add(offers);
        placement = as(partner(0)).header("x-consent-id", offers).header("x-fapi-customer-ip-address", "198.51.100.1")
                .get(AISP + "/offers").then().statusCode(200).extract().path("Data.Offer[0].OfferId");
        // The bank names its customer by the CustomerRef it got for the customer's link code.
        loadedUser = Setup.customerRef("http://localhost:" + SystemStack.GATEWAY, SystemStack.ACCOUNTS, "bank-alpha",
                "fuzz-customer-" + nonce);
        loadedAccount = "FZ-" + nonce;
        as(bank.get()).body(Json.write(accountLoad())).put("/banks/customers/{u}/accounts/{a}", loadedUser, loadedAccount)
                .then()
                .statusCode(201);
    }

    @BeforeProperty
    void remember() {
        before = PlatformState.snapshot();
        receiptsBefore = new HashSet<>(PlatformState.receiptIds(ours));
        ANSWERED.clear();
        SERVED.clear();
        stateChangesExpected = false;
        falsified = false;
    }

    /**
     * Receipts are matched to answers by interaction id, not counted platform-wide: other test classes share the stack,
     * and a count cannot say which answer a receipt belongs to.
     */
    @AfterProperty
    void nothingChangedButTheReceiptsOfServedReads() {
        if (stateChangesExpected || falsified) {
            return;
        }
        Map<String, String> after = PlatformState.snapshot();
        List<String> newReceipts = PlatformState.receiptInteractionIds(ours, receiptsBefore);
        assertEquals(SERVED.stream().sorted().toList(), newReceipts.stream().sorted().toList(),
                "the new access receipts of the fuzzing's consents are exactly one per partner read served");
        Set<String> refused = new HashSet<>(ANSWERED);
        refused.removeAll(SERVED);
        assertEquals(List.of(), PlatformState.receiptsAnswering(refused),
                "no access receipt, on any consent, for an answer that served no data");
        Map<String, String> changes = PlatformState.changes(before, after);
        changes.remove("consent.access_receipt"); // checked above, by interaction id
        if (!changes.isEmpty()) {
            throw new AssertionError("bad requests changed what the platform stores: " + changes
                    + PlatformState.latest(changes));
        }
    }

    @AfterContainer
    static void report() {
        long total = TRIED.values().stream().mapToLong(LongAdder::sum).sum();
        Map<String, Long> tried = new TreeMap<>();
        TRIED.forEach((family, n) -> tried.put(family, n.sum()));
        Map<Integer, Long> statuses = new TreeMap<>();
        STATUSES.forEach((status, n) -> statuses.put(status, n.sum()));
        System.out.printf("[bad input] %d requests in %d s (%d s of them waiting for answers); by route family %s;"
                + " answers %s; partner reads served (and receipted) %d%n", total,
                (System.nanoTime() - STARTED) / 1_000_000_000,
                NANOS_IN_REQUESTS.sum() / 1_000_000_000, tried, statuses, SERVED_READS.get());
        long limited = statuses.getOrDefault(429, 0L);
        assertTrue(limited * 20 < total, "the rate limit answered " + limited + " of " + total
                + ": the requests did not reach the rules");
    }

    // ---- bodies: every rule of every body the contract defines, broken one to three at a time

    @Property(tries = 400, generation = GenerationMode.RANDOMIZED)
    void consentRequests(@ForAll("consentBodies") Map<String, Object> body, @ForAll("partnerIndex") int partner) {
        Response response = send(partner(partner), "POST", AISP + "/account-access-consents", Body.json("consent",
                Json.write(body)), Map.of());
        expectRefusal("consent bodies", response, body);
    }

    @Property(tries = 200, generation = GenerationMode.RANDOMIZED)
    void bankOffers(@ForAll("offerBodies") Map<String, Object> body, @ForAll boolean replace) {
        Response response = replace
                ? send(bank.get(), "PUT", "/banks/offers/" + draftOffer, Body.json("offer", Json.write(body)), Map.of())
                : send(bank.get(), "POST", "/banks/offers", Body.json("offer", Json.write(body)), Map.of());
        expectRefusal("bank offer bodies", response, body);
    }

    @Property(tries = 200, generation = GenerationMode.RANDOMIZED)
    void bankLoads(@ForAll("accountLoads") Map<String, Object> account, @ForAll("transactionBatches") Map<String, Object> batch,
            @ForAll boolean transactions) {
        String path = "/banks/customers/" + loadedUser + "/accounts/" + loadedAccount;
        Response response = transactions
                ? send(bank.get(), "POST", path + "/transactions", Body.json("batch", Json.write(batch)), Map.of())
                : send(bank.get(), "PUT", path, Body.json("account", Json.write(account)), Map.of());
        expectRefusal("bank load bodies", response, transactions ? batch : account);
    }

    @Property(tries = 200, generation = GenerationMode.RANDOMIZED)
    void usersAndPlacements(@ForAll("authorisations") Map<String, Object> authorise,
            @ForAll("events") Map<String, Object> event,
            @ForAll boolean user) {
        Response response = user
                ? send(alice.get(), "POST", "/me/consents/" + pendingConsent + "/authorise", Body.json("authorise",
                        Json.write(authorise)), Map.of())
                : send(partner(0), "POST", AISP + "/offers/" + placement + "/events", Body.json("event",
                        Json.write(event)), Map.of());
        expectRefusal("authorise and event bodies", response, user ? authorise : event);
    }

    @Property(tries = 150, generation = GenerationMode.RANDOMIZED)
    void operatorOnboarding(@ForAll("partnerOnboardings") Map<String, Object> partner,
            @ForAll("bankOnboardings") Map<String, Object> bankBody, @ForAll boolean forBank) {
        Response response = send(operator.get(), "POST", forBank ? "/admin/banks" : "/admin/partners",
                Body.json("onboarding", Json.write(forBank ? bankBody : partner)), Map.of());
        expectRefusal("onboarding bodies", response, forBank ? bankBody : partner);
    }

    @Property(tries = 400, generation = GenerationMode.RANDOMIZED)
    void brokenJsonOnEveryRouteWithABody(@ForAll("brokenBodies") RouteBody request, @ForAll("partnerIndex") int partner) {
        String[] r = bodyRoute(request.route());
        Response response = send(tokenFor(r[2], partner), r[0], r[1], request.body(), Map.of());
        expectRefusal("broken JSON", response, r[0] + " " + r[1] + " " + request.body());
    }

    record RouteBody(int route, Body body) {
    }

    // ---- headers, query strings and path ids

    @Property(tries = 400, generation = GenerationMode.RANDOMIZED)
    void headers(@ForAll("readRoutes") Route route, @ForAll("headerSets") Map<String, String> headers,
            @ForAll("partnerIndex") int partner) {
        String path = readPath(route, partner);
        Map<String, String> sent = new LinkedHashMap<>(headers);
        if (route.template().startsWith(AISP + "/accounts") || route.template().equals(AISP + "/offers")) {
            sent.putIfAbsent("x-consent-id", consents.get(partner));
        }
        Response response = send(tokenFor(route.role(), partner), route.method(), path, null, sent);
        expectReadAnswer("headers", route, response, sent.get("x-fapi-interaction-id"));
    }

    @Property(tries = 100, generation = GenerationMode.RANDOMIZED)
    void headersOnACreation(@ForAll("headerSets") Map<String, String> headers, @ForAll("partnerIndex") int partner) {
        // A body the rules refuse, so that a header that happened to be acceptable creates nothing either.
        Body body = Body.json("consent", Json.write(Json.with(validConsent(), "Data.FrequencyPerDay", 0)));
        Response response = send(partner(partner), "POST", AISP + "/account-access-consents", body, headers);
        expectRefusal("headers", response, headers);
        expectInteractionId(response, headers.get("x-fapi-interaction-id"));
        if (headers.containsKey("x-idempotency-key") && !headers.containsKey("Accept")) {
            assertEquals(400, response.statusCode(), "x-idempotency-key " + headers.get("x-idempotency-key"));
        }
    }

    @Property(tries = 400, generation = GenerationMode.RANDOMIZED)
    void queryStrings(@ForAll("queries") Map<String, String> query, @ForAll("queryRoutes") int which,
            @ForAll("partnerIndex") int partner) {
        String path;
        String token;
        Map<String, String> headers = new LinkedHashMap<>();
        Validity validity;
        switch (which) {
            case 0 -> {
                path = "/me/consents";
                token = alice.get();
                String status = query.get("status");
                validity = status == null
                        ? Validity.VALID
                        : status.isBlank()
                                ? Validity.EITHER
                                : Set.of("AwaitingAuthorisation", "Authorised", "Rejected", "Revoked", "Expired")
                                        .contains(status) ? Validity.VALID : Validity.INVALID;
            }
            case 1 -> {
                path = "/me/access-log";
                token = alice.get();
                validity = Validity.of(query, "from", "to", Validity::isDate);
                if (validity == Validity.VALID && (query.containsKey("consentId") || query.containsKey("partnerId"))) {
                    validity = Validity.EITHER; // a filter by an id of no consent: an empty page, or refused
                }
            }
            default -> {
                path = AISP + "/accounts/" + aliceAccount + "/transactions";
                token = partner(partner);
                headers.put("x-consent-id", consents.get(partner));
                headers.put("x-fapi-customer-ip-address", "198.51.100.4");
                validity = Validity.of(query, "fromBookingDateTime", "toBookingDateTime", Validity::isQueryDate);
            }
        }
        long started = System.nanoTime();
        Response response = spec(token, headers).queryParams(query).get(path);
        NANOS_IN_REQUESTS.add(System.nanoTime() - started);
        count("query strings", response, path.contains("transactions"));
        int status = response.statusCode();
        String call = path + "?" + query + " → " + status + ": " + ContractValidation.abbreviate(response.asString());
        assertTrue(status < 500, call);
        if (validity == Validity.INVALID) {
            assertEquals(400, status, call);
        } else if (validity == Validity.VALID) {
            assertEquals(200, status, call);
        }
        if (status >= 400) {
            ContractValidation.assertEnvelope(path, response, response.header("x-fapi-interaction-id"));
        }
    }

    /** What a query string deserves: 200, 400, or either (an empty value may count as absent). */
    enum Validity {

        VALID, INVALID, EITHER;

        /** Dates as the contract has them (see {@code isDate}, {@code isQueryDate}); page tokens only as issued. */
        static Validity of(Map<String, String> query, String from, String to,
                java.util.function.Predicate<String> isDate) {
            boolean ambiguous = false;
            for (String name : List.of(from, to, "page-token")) {
                String value = query.get(name);
                if (value == null) {
                    continue;
                }
                if (value.isBlank() || (name.equals("page-token") && shapedLikeAToken(value))) {
                    ambiguous = true; // page tokens are not secret: a well-shaped one is a place in the list
                } else if (name.equals("page-token") || !isDate.test(value)) {
                    return INVALID;
                }
            }
            if (query.containsKey(from) && query.containsKey(to)) {
                ambiguous = true; // from after to: an empty window, or refused
            }
            return ambiguous ? EITHER : VALID;
        }

        static boolean shapedLikeAToken(String value) {
            try {
                return new String(java.util.Base64.getUrlDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8)
                        .matches("-?\\d+:.+");
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /**
         * OBIE's query date-times: a date, or a date-time without or with an offset (which is ignored), years 0001 to
         * 9999.
         */
        static boolean isQueryDate(String value) {
            try {
                int year = value.length() == 10
                        ? java.time.LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).getYear()
                        : value.matches(".*T[0-9:.]+")
                                ? java.time.LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).getYear()
                                : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).getYear();
                return year >= 1 && year <= 9999;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        /** The contract's date-times in bodies and in the access log's filters: ISO 8601 with an offset. */
        static boolean isDate(String value) {
            try {
                int year = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).getYear();
                return year >= 1 && year <= 9999;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    @Property(tries = 500, generation = GenerationMode.RANDOMIZED)
    void pathIds(@ForAll("idRoutes") Route route, @ForAll("badIds") List<String> ids, @ForAll("partnerIndex") int partner) {
        String path = route.template();
        int i = 0;
        while (path.contains("{")) {
            path = path.replaceFirst("\\{[A-Za-z]+\\}",
                    java.util.regex.Matcher.quoteReplacement(encode(ids.get(i++ % ids.size()))));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-consent-id", consents.get(partner));
        headers.put("x-fapi-customer-ip-address", "198.51.100.5");
        Body body = VALID_BODIES.containsKey(route.template())
                ? Body.json("valid body", Json.write(
                        VALID_BODIES.get(route.template()).get()))
                : null;
        Response response = send(tokenFor(route.role(), partner), route.method(), path, body, headers);
        count("path ids", response, false);
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, route + " with ids " + ids + " → " + status + ": " + response.asString());
        ContractValidation.assertEnvelope(path, response, response.header("x-fapi-interaction-id"));
    }

    // ---- valid but hard: stored and returned exactly, escaped, as the user will see them

    @Property(tries = 30, generation = GenerationMode.RANDOMIZED)
    void hardButValidTextIsKeptExactly(@ForAll("hardDescriptions") String description, @ForAll("partnerIndex") int partner) {
        stateChangesExpected = true; // each try creates a consent and withdraws it
        Map<String, Object> body = Json.with(validConsent(), "Data.Purpose.Description", description);
        Response created = send(partner(partner), "POST", AISP + "/account-access-consents", Body.json("hard text",
                Json.write(body)), Map.of());
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals(description, created.path("Data.Purpose.Description"));
        String id = created.path("Data.ConsentId");
        Response read = spec(partner(partner), Map.of()).get(AISP + "/account-access-consents/" + id);
        assertEquals(description, read.path("Data.Purpose.Description"), "the text as it was stored");
        spec(partner(partner), Map.of()).delete(AISP + "/account-access-consents/" + id).then().statusCode(204);
        TRIED.computeIfAbsent("hard but valid text", k -> new LongAdder()).add(3);
    }

    // ---- limits of HTTP itself

    @Example
    void aChunkedBodyOverTheLimitIsRefusedInTheEnvelope() throws Exception {
        byte[] big = ("{\"Data\":\"" + "x".repeat(100_000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + SystemStack.GATEWAY + AISP
                + "/account-access-consents")).header("Authorization", "Bearer " + partner(0))
                .header("Content-Type", "application/json")
                // No length announced: the body arrives in chunks and the limit applies while reading.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        TRIED.computeIfAbsent("limits", k -> new LongAdder()).increment();
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"Errors\""), "413 in the envelope: " + response.body());
    }

    // ---- expectations

    static void expectRefusal(String family, Response response, Object input) {
        count(family, response, false);
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, family + ": " + status + " for " + input + "\n→ " + response.asString());
        ContractValidation.assertEnvelope(family, response, response.header("x-fapi-interaction-id"));
    }

    static void expectReadAnswer(String family, Route route, Response response, String interaction) {
        boolean data = route.template().startsWith(AISP + "/accounts") || route.template().equals(AISP + "/offers");
        count(family, response, data);
        int status = response.statusCode();
        assertTrue(status < 500, route + ": " + status + "\n→ " + response.asString());
        if (status >= 400) {
            ContractValidation.assertEnvelope(family, response, response.header("x-fapi-interaction-id"));
        }
        expectInteractionId(response, interaction);
    }

    /** Echoed as sent when it is a UUID, otherwise a fresh one. */
    static void expectInteractionId(Response response, String sent) {
        String answered = response.header("x-fapi-interaction-id");
        assertTrue(answered != null && UUID.matcher(answered).matches(), "interaction id " + answered);
        if (sent != null && UUID.matcher(sent.trim()).matches()) {
            assertEquals(sent.trim(), answered, "the interaction id is echoed");
        } else if (sent != null) {
            assertNotEquals(sent, answered);
        }
    }

    static void count(String family, Response response, boolean dataRead) {
        TRIED.computeIfAbsent(family, k -> new LongAdder()).increment();
        STATUSES.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
        String interaction = response.header("x-fapi-interaction-id");
        if (interaction != null) {
            ANSWERED.add(interaction);
        }
        if (dataRead && response.statusCode() == 200) {
            SERVED_READS.incrementAndGet();
            SERVED.add(interaction);
        }
    }

    // ---- generators

    @Provide
    Arbitrary<Integer> partnerIndex() {
        return Arbitraries.integers().between(0, 3);
    }

    static Map<String, Object> validConsent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Permissions", List.of("ReadAccountsDetail", "ReadBalances"));
        data.put("ExpirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString());
        data.put("TransactionFromDateTime", OffsetDateTime.now(ZoneOffset.UTC).minusDays(90).withNano(0).toString());
        data.put("TransactionToDateTime", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        data.put("Purpose", new LinkedHashMap<>(Map.of("Code", "PersonalFinanceManagement", "Description", "Budgeting")));
        data.put("FrequencyPerDay", 4);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Data", data);
        body.put("Risk", Map.of());
        return body;
    }

    @Provide
    Arbitrary<Map<String, Object>> consentBodies() {
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        invalid.put("Data", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT), Junk.anyText()));
        invalid.put("Data.Permissions", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of(List.of(), List.of("ReadEverything"), List.of("ReadAccountsBasic", "ReadAccountsBasic"),
                        List.of("ReadBalances"), List.of("ReadAccountsBasic", "ReadTransactionsBasic"),
                        List.of("ReadAccountsBasic", "ReadTransactionsCredits"), List.of("ReadAccountsBasic", "ReadOffers"),
                        List.of("readaccountsbasic"), List.of("ReadAccountsBasic", Junk.NULL), List.of("ReadAccountsBasic", 1)),
                Junk.anyText().map(t -> List.of("ReadAccountsBasic", t))));
        invalid.put("Data.ExpirationDateTime", Arbitraries.<Object>oneOf(Junk.badDate(), Arbitraries.of(Json.ABSENT, Junk.NULL),
                Arbitraries.of(past(1), past(86_400), future(367 * 86_400L), future(100L * 365 * 86_400))));
        invalid.put("Data.TransactionFromDateTime", Arbitraries.<Object>oneOf(Junk.badDate(),
                Arbitraries.just(future(400 * 86_400L))));
        invalid.put("Data.TransactionToDateTime", Arbitraries.<Object>oneOf(Junk.badDate(),
                Arbitraries.just(past(200 * 86_400L))));
        invalid.put("Data.Purpose", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT)));
        invalid.put("Data.Purpose.Code", Arbitraries.<Object>oneOf(Junk.wrongType(), Junk.anyText(),
                Arbitraries.just(Json.ABSENT), Arbitraries.of("accountaggregation", "OfferPlacement ", "Marketing")));
        invalid.put("Data.Purpose.Description", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of(Junk.BROKEN_TEXT), Arbitraries.of("", " ", "\n\n"), Arbitraries.integers().between(281, 3_000)
                        .map(n -> "\ud83d\ude00".repeat(n)),
                Arbitraries.of(Junk.BROKEN_TEXT).map(t -> "Budgeting " + t)));
        invalid.put("Data.FrequencyPerDay", Arbitraries.<Object>oneOf(Junk.wrongType().filter(v -> !(v instanceof Integer)
                && v != Junk.NULL), Arbitraries.of(0, 101, Integer.MAX_VALUE, Integer.MIN_VALUE, "4", "four"),
                Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(101)));
        invalid.put("Data.ProhibitedUses", Arbitraries.<Object>of(List.of(), List.of("Advertising"), List.of("Nothing"),
                List.of("Advertising", "Profiling", "Resale", "More"), "Advertising"));
        // OBReadConsent1 requires Risk, an OBRisk2: for account access an object with no fields.
        invalid.put("Risk", Arbitraries.<Object>oneOf(Junk.wrongType().filter(v -> !(v instanceof Map<?, ?> m && m.isEmpty())),
                Arbitraries.just(Json.ABSENT), Junk.anyText()));
        return Junk.mutated(validConsent(), invalid);
    }

    @Provide
    Arbitrary<Map<String, Object>> offerBodies() {
        Map<String, Object> valid = io.restassured.path.json.JsonPath.from(AuthorizationMatrixSystemTest.offerBody("Fuzz"))
                .getMap("$");
        valid = new LinkedHashMap<>(valid);
        valid.put("Eligibility", new LinkedHashMap<>(Map.of("MinAverageBalance", Map.of("Amount", "100.00", "Currency", "EUR"),
                "AccountTypes", List.of("CurrentAccount"))));
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        // Title up to 120 characters; Description up to 500, OBIE's limit for an offer's description (OBReadOffer1).
        for (String text : List.of("Title", "Description")) {
            invalid.put(text, Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                    Arbitraries.of(Junk.BROKEN_TEXT), Arbitraries.of("", "   "),
                    Arbitraries.integers().between(text.equals("Title") ? 121 : 501, 4_000).map("x"::repeat)));
        }
        invalid.put("Fees", Arbitraries.<Object>oneOf(Junk.wrongType().filter(v -> v != Junk.NULL),
                Arbitraries.of(Junk.BROKEN_TEXT), Arbitraries.integers().between(281, 2_000).map("f"::repeat)));
        invalid.put("ProductType", Arbitraries.<Object>oneOf(Junk.wrongType(), Junk.anyText(), Arbitraries.just(Json.ABSENT)));
        invalid.put("Rate", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of("-1", "101", "1e2", "12,5", "NaN", "", "9.9999", "0x10", "1000")));
        invalid.put("Url", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT), Arbitraries.of(
                "http://bank.example", "javascript:alert(1)", "https://user:pw@bank.example", "//bank.example", "bank",
                "https://", "data:text/html,<script>alert(1)</script>", "https://bank.example/" + "p".repeat(236))));
        invalid.put("StartDateTime", Arbitraries.<Object>oneOf(Junk.badDate(), Arbitraries.of(Json.ABSENT, Junk.NULL),
                Arbitraries.just(future(60L * 86_400))));
        invalid.put("EndDateTime", Arbitraries.<Object>oneOf(Junk.badDate(), Arbitraries.of(Json.ABSENT, Junk.NULL),
                Arbitraries.of(past(60), past(3 * 86_400))));
        invalid.put("Eligibility", Arbitraries.<Object>oneOf(Junk.wrongType().filter(v -> v != Junk.NULL
                && !(v instanceof Map))));
        invalid.put("Eligibility.MinAverageBalance", Arbitraries.<Object>oneOf(Junk.wrongType().filter(v -> v != Junk.NULL),
                Arbitraries.of(Map.of("Amount", "-100.00", "Currency", "EUR"), Map.of("Amount", "1.234", "Currency", "EUR"),
                        Map.of("Amount", "100", "Currency", "eur"), Map.of("Amount", "1e3", "Currency", "EUR"),
                        Map.of("Amount", 100, "Currency", "EUR"),
                        Map.of("Amount", "99999999999999.00", "Currency", "EUR"))));
        invalid.put("Eligibility.AccountTypes", Arbitraries.<Object>of(List.of(), List.of("Gold"),
                List.of("CurrentAccount", "CurrentAccount"), "CurrentAccount", List.of(1)));
        return Junk.mutated(valid, invalid);
    }

    static Map<String, Object> accountLoad() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Currency", "EUR");
        body.put("AccountType", "Personal");
        body.put("AccountSubType", "CurrentAccount");
        body.put("Nickname", "Fuzz account");
        body.put("Iban", "GB82WEST12345698765432");
        body.put("OpeningDate", "2020-01-31");
        body.put("Balance", new LinkedHashMap<>(Map.of("Booked", Map.of("Amount", "10.00", "Currency", "EUR"),
                "Available", Map.of("Amount", "-5.00", "Currency", "EUR"))));
        return body;
    }

    @Provide
    Arbitrary<Map<String, Object>> accountLoads() {
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        invalid.put("Currency", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of("eur", "EURO", "", "E1R", "\u20ac")));
        invalid.put("AccountType", Arbitraries.<Object>oneOf(Junk.wrongType(), Junk.anyText(), Arbitraries.just(Json.ABSENT)));
        invalid.put("AccountSubType", Arbitraries.<Object>oneOf(Junk.wrongType(), Junk.anyText(),
                Arbitraries.just(Json.ABSENT)));
        invalid.put("Nickname", Arbitraries.<Object>oneOf(Arbitraries.of(Junk.BROKEN_TEXT),
                Arbitraries.integers().between(71, 3_000).map("n"::repeat), Junk.wrongType().filter(v -> v != Junk.NULL)));
        invalid.put("Iban", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT), Arbitraries.of(
                "GB82WEST12345698765433", "GB82 WEST 1234 5698 7654 32", "gb82west12345698765432", "XX00", "",
                "GB82WEST1234569876543200000000000000000")));
        invalid.put("OpeningDate", Arbitraries.<Object>oneOf(Junk.wrongType().filter(v -> v != Junk.NULL),
                Arbitraries.of("2020-02-30", "20200131", "+999999999-12-31", "0000-01-01", "2020-01-31T00:00:00Z",
                        "31/01/2020", "", "tomorrow")));
        invalid.put("Balance", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT)));
        invalid.put("Balance.Booked", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of(Map.of("Amount", "1.234", "Currency", "EUR"), Map.of("Amount", "--1", "Currency", "EUR"),
                        Map.of("Amount", "10.00", "Currency", "USD"), Map.of("Amount", "1e3", "Currency", "EUR"),
                        Map.of("Amount", "99999999999999.00", "Currency", "EUR"), Map.of("Amount", 10, "Currency", "EUR"))));
        return Junk.mutated(accountLoad(), invalid);
    }

    static Map<String, Object> transactionBatch() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("TransactionId", "fz-tx-1");
        row.put("BookingDateTime", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withNano(0).toString());
        row.put("Amount", Map.of("Amount", "12.50", "Currency", "EUR"));
        row.put("CreditDebitIndicator", "Debit");
        row.put("Status", "Booked");
        row.put("TransactionInformation", "Groceries");
        row.put("MerchantDetails", Map.of("MerchantName", "Shop", "MerchantCategoryCode", "5411"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Transaction", List.of(row));
        return body;
    }

    @Provide
    Arbitrary<Map<String, Object>> transactionBatches() {
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        invalid.put("Row.TransactionId", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Junk.badId()));
        invalid.put("Row.BookingDateTime", Arbitraries.<Object>oneOf(Junk.badDate(), Arbitraries.of(Json.ABSENT, Junk.NULL)));
        invalid.put("Row.Amount", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of(Map.of("Amount", "-12.50", "Currency", "EUR"), Map.of("Amount", "12.505", "Currency", "EUR"),
                        Map.of("Amount", "12.50", "Currency", "eur"), Map.of("Amount", 12.5, "Currency", "EUR"),
                        Map.of("Amount", "99999999999999.00", "Currency", "EUR"), Map.of("Currency", "EUR"))));
        invalid.put("Row.CreditDebitIndicator", Arbitraries.<Object>oneOf(Junk.wrongType(), Junk.anyText(),
                Arbitraries.just(Json.ABSENT)));
        invalid.put("Row.Status", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.of("booked", "Done"),
                Arbitraries.just(Json.ABSENT)));
        invalid.put("Row.TransactionInformation", Arbitraries.<Object>oneOf(Arbitraries.of(Junk.BROKEN_TEXT),
                Arbitraries.integers().between(501, 3_000).map("i"::repeat), Junk.wrongType().filter(v -> v != Junk.NULL)));
        invalid.put("Row.MerchantDetails", Arbitraries.<Object>of(Map.of("MerchantCategoryCode", "54111"),
                Map.of("MerchantCategoryCode", "abcd"), Map.of("MerchantName", "m".repeat(351)), "Shop", List.of()));
        invalid.put("Transaction", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.just(List.of()), Arbitraries.integers().between(1_001, 1_100).map(n -> {
                    List<Object> rows = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        rows.add(Map.of("TransactionId", "t" + i));
                    }
                    return rows;
                })));
        // The row is mutated as "Row" beside a placeholder list, and put in its place afterwards.
        Map<String, Object> base = transactionBatch();
        Object validRow = ((List<?>) base.get("Transaction")).get(0);
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("Transaction", List.of("(the row)"));
        template.put("Row", validRow);
        return Junk.mutated(template, invalid).map(body -> {
            Map<String, Object> out = new LinkedHashMap<>(body);
            Object row = out.remove("Row");
            if (List.of("(the row)").equals(out.get("Transaction"))) {
                // No row mutation landed (only noise): the same row twice is a batch with a duplicate id.
                out.put("Transaction", row.equals(validRow) ? List.of(row, row) : List.of(row));
            }
            return out;
        });
    }

    @Provide
    Arbitrary<Map<String, Object>> authorisations() {
        Map<String, Object> valid = new LinkedHashMap<>(Map.of("AccountIds", List.of(aliceAccount)));
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        invalid.put("AccountIds", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of(List.of(), List.of(bobAccount), List.of(aliceAccount, bobAccount),
                        List.of(aliceAccount, aliceAccount), List.of("acc-nope"), List.of(aliceAccount.toUpperCase()),
                        List.of(aliceAccount + " "), List.of(Junk.NULL), Junk.NULL, aliceAccount),
                Junk.badId().map(id -> List.of(aliceAccount, id)),
                Arbitraries.integers().between(101, 300).map(n -> java.util.Collections.nCopies(n, (Object) aliceAccount))));
        return Junk.mutated(valid, invalid);
    }

    @Provide
    Arbitrary<Map<String, Object>> events() {
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        invalid.put("Type", Arbitraries.<Object>oneOf(Junk.wrongType(), Junk.anyText(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of("shown", "CLICKED", "Viewed", "Shown ", "Clicked\u0000")));
        return Junk.mutated(new LinkedHashMap<>(Map.of("Type", "Shown")), invalid);
    }

    @Provide
    Arbitrary<Map<String, Object>> partnerOnboardings() {
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put("Name", "Fuzz onboarding");
        valid.put("Contact", "fuzz@partner.example");
        valid.put("RedirectUris", List.of("https://partner.example/callback"));
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        invalid.put("Name", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of(Junk.BROKEN_TEXT), Arbitraries.of("", "  "), Arbitraries.integers().between(101, 500)
                        .map("n"::repeat)));
        invalid.put("Contact", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT), Arbitraries.of(
                "not-an-email", "a@b", "@partner.example", "a b@partner.example", "x".repeat(250) + "@p.example")));
        // Not null and not [] among the wrong types: both are valid (no redirect URIs).
        invalid.put("RedirectUris", Arbitraries.<Object>oneOf(Junk.wrongType()
                .filter(v -> v != Junk.NULL && !(v instanceof List<?> list && list.isEmpty())),
                Arbitraries.of(
                        List.of("http://partner.example/cb"), List.of("javascript:alert(1)"),
                        List.of("https://partner.example/*"),
                        List.of("https://partner.example/cb#x"), List.of("https://user@partner.example/cb"),
                        List.of("/relative"),
                        List.of(1), List.of(Junk.NULL), java.util.Collections.nCopies(11, "https://partner.example/cb"))));
        return Junk.mutated(valid, invalid);
    }

    @Provide
    Arbitrary<Map<String, Object>> bankOnboardings() {
        Map<String, Object> valid = new LinkedHashMap<>(Map.of("BankId", "fuzz-bank", "Name", "Fuzz bank"));
        Map<String, Arbitrary<Object>> invalid = new LinkedHashMap<>();
        invalid.put("BankId", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT), Junk.badId(),
                Arbitraries.of("Bank-Alpha", "ab", "-bank", "b".repeat(41), "bank_alpha", "bank alpha")));
        invalid.put("Name", Arbitraries.<Object>oneOf(Junk.wrongType(), Arbitraries.just(Json.ABSENT),
                Arbitraries.of(Junk.BROKEN_TEXT), Arbitraries.of("", " "), Arbitraries.integers().between(101, 400)
                        .map("n"::repeat)));
        return Junk.mutated(valid, invalid);
    }

    /** method, path, role: every route that reads a body. */
    static final List<String[]> BODY_ROUTES = new ArrayList<>();

    static String[] bodyRoute(int i) {
        if (BODY_ROUTES.isEmpty()) {
            BODY_ROUTES.add(new String[]{"POST", AISP + "/account-access-consents", "partner"});
            BODY_ROUTES.add(new String[]{"POST", AISP + "/offers/" + placement + "/events", "partner"});
            BODY_ROUTES.add(new String[]{"POST", "/me/consents/" + pendingConsent + "/authorise", "customer"});
            BODY_ROUTES.add(new String[]{"POST", "/banks/offers", "bank"});
            BODY_ROUTES.add(new String[]{"PUT", "/banks/offers/" + draftOffer, "bank"});
            BODY_ROUTES.add(new String[]{"PUT", "/banks/customers/" + loadedUser + "/accounts/" + loadedAccount, "bank"});
            BODY_ROUTES.add(new String[]{"POST", "/banks/customers/" + loadedUser + "/accounts/" + loadedAccount
                    + "/transactions", "bank"});
            BODY_ROUTES.add(new String[]{"POST", "/admin/partners", "platform-admin"});
            BODY_ROUTES.add(new String[]{"POST", "/admin/banks", "platform-admin"});
        }
        return BODY_ROUTES.get(i);
    }

    /** A route that reads a body, with broken JSON made from a body its rules refuse anyway. */
    @Provide
    Arbitrary<RouteBody> brokenBodies() {
        List<Map<String, Object>> refused = List.of(
                Json.with(validConsent(), "Data.FrequencyPerDay", 0),
                Map.of("Type", "Viewed"),
                Map.of("AccountIds", List.of(bobAccount)),
                withField(io.restassured.path.json.JsonPath.from(AuthorizationMatrixSystemTest.offerBody("F")).getMap("$"),
                        "Rate", "101"),
                withField(io.restassured.path.json.JsonPath.from(AuthorizationMatrixSystemTest.offerBody("F")).getMap("$"),
                        "Rate", "101"),
                withField(accountLoad(), "Currency", "eur"),
                Map.of("Transaction", List.of(Map.of("TransactionId", "x", "Status", "Done"))),
                Map.of("Name", "Fuzz", "Contact", "not-an-email"),
                Map.of("BankId", "Bank Alpha", "Name", "Fuzz"));
        return Arbitraries.integers().between(0, refused.size() - 1)
                .flatMap(i -> Junk.brokenJson(new LinkedHashMap<>(refused.get(i))).map(body -> new RouteBody(i, body)));
    }

    private static Map<String, Object> withField(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    /** The routes that only read (GET), where a 2xx is allowed whatever the headers say. */
    @Provide
    Arbitrary<Route> readRoutes() {
        return Arbitraries.of(AuthorizationMatrixSystemTest.ROUTES.stream().filter(r -> r.method().equals("GET")).toList());
    }

    static String readPath(Route route, int partner) {
        return route.template().replace("{ConsentId}", route.role().equals("partner") ? consents.get(partner) : pendingConsent)
                .replace("{AccountId}", aliceAccount).replace("{OfferId}", draftOffer).replace("{PartnerId}", "demo-messenger");
    }

    @Provide
    Arbitrary<Map<String, String>> headerSets() {
        Arbitrary<String> interaction = Arbitraries.oneOf(Junk.headerValue(),
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString().toUpperCase()),
                Arbitraries.create(() -> "{" + java.util.UUID.randomUUID() + "}"),
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString().replace("-", "")));
        Map<String, Arbitrary<String>> kinds = new LinkedHashMap<>();
        kinds.put("x-fapi-interaction-id", interaction);
        kinds.put("x-consent-id", Arbitraries.oneOf(Junk.headerValue(), Arbitraries.of("aac-nope", "aac-1,aac-2")));
        kinds.put("x-idempotency-key", Arbitraries.oneOf(Arbitraries.integers().between(41, 3_000).map("k"::repeat),
                Arbitraries.of("", " ", "   ")));
        kinds.put("x-fapi-customer-ip-address", Junk.headerValue());
        kinds.put("Accept", Arbitraries.oneOf(Junk.headerValue(), Arbitraries.of("text/html", "application/xml",
                "application/json;q=0", "image/*", "*/*;q=0")));
        kinds.put("x-fapi-auth-date", Junk.headerValue());
        kinds.put("X-Forwarded-For", Arbitraries.of("127.0.0.1", "10.0.0.1, 198.51.100.1", "' OR 1=1"));
        kinds.put("X-Original-URL", Arbitraries.of("/admin/partners", "/internal/partners/demo-messenger/consents"));
        kinds.put("X-HTTP-Method-Override", Arbitraries.of("DELETE", "PUT", "POST"));
        List<Arbitrary<Map.Entry<String, String>>> entries = new ArrayList<>();
        kinds.forEach((name, values) -> entries.add(values.map(v -> Map.entry(name, v))));
        return Arbitraries.oneOf(entries).list().ofMinSize(1).ofMaxSize(4).map(list -> {
            Map<String, String> headers = new LinkedHashMap<>();
            list.forEach(e -> headers.put(e.getKey(), e.getValue()));
            return headers;
        });
    }

    @Provide
    Arbitrary<Integer> queryRoutes() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<Map<String, String>> queries() {
        Map<String, Arbitrary<String>> kinds = new LinkedHashMap<>();
        kinds.put("status", Arbitraries.oneOf(Arbitraries.of("Authorised", "Revoked", "AwaitingAuthorisation", "authorised",
                "Authorised,Revoked", "*", "%", "null"), Junk.queryValue()));
        for (String date : List.of("from", "to", "fromBookingDateTime", "toBookingDateTime")) {
            kinds.put(date, Junk.anyDate());
        }
        // Besides junk, tokens shaped like the real ones (time:id, base64url) with times and ids no list has.
        kinds.put("page-token", Arbitraries.oneOf(Junk.queryValue(), Arbitraries.of("eyJ9", "MA==", "AAAA",
                "eyJpZCI6IjEnIE9SICcxJz0nMSJ9", "%00", "../"),
                Arbitraries.of("9223372036854775807", "-9223372036854775808",
                        "0", "-1", "253402300800000", "1700000000000000").flatMap(
                                time -> Arbitraries.of(
                                        "00000000-0000-0000-0000-000000000000", "tx-1", "x" + Junk.lone(0), "' OR '1'='1", "")
                                        .map(id -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                                                (time + ":" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8))))));
        kinds.put("consentId", Arbitraries.oneOf(Junk.badId(), Arbitraries.of("aac-nope")));
        kinds.put("partnerId", Arbitraries.oneOf(Junk.badId(), Arbitraries.of("demo-messenger")));
        kinds.put("junk", Junk.queryValue());
        List<Arbitrary<Map.Entry<String, String>>> entries = new ArrayList<>();
        kinds.forEach((name, values) -> entries.add(values.map(v -> Map.entry(name, v))));
        return Arbitraries.oneOf(entries).list().ofMinSize(1).ofMaxSize(4).map(list -> {
            Map<String, String> query = new LinkedHashMap<>();
            list.forEach(e -> query.put(e.getKey(), e.getValue()));
            return query;
        });
    }

    @Provide
    Arbitrary<Route> idRoutes() {
        return Arbitraries.of(AuthorizationMatrixSystemTest.ROUTES.stream().filter(r -> r.template().contains("{")).toList());
    }

    @Provide
    Arbitrary<List<String>> badIds() {
        return Junk.badId().list().ofMinSize(1).ofMaxSize(2);
    }

    /** Valid bodies for the routes that read one, so that a bad path id is what the answer is about. */
    static final Map<String, java.util.function.Supplier<Object>> VALID_BODIES = Map.of(
            AISP + "/offers/{PlacementId}/events", () -> Map.of("Type", "Shown"),
            "/me/consents/{ConsentId}/authorise", () -> Map.of("AccountIds", List.of(aliceAccount)),
            "/banks/offers/{OfferId}", () -> io.restassured.path.json.JsonPath.from(
                    AuthorizationMatrixSystemTest.offerBody("Fuzz")).getMap("$"),
            "/banks/customers/{CustomerRef}/accounts/{AccountId}", BadInputFuzzTest::accountLoad,
            "/banks/customers/{CustomerRef}/accounts/{AccountId}/transactions", BadInputFuzzTest::transactionBatch);

    @Provide
    Arbitrary<String> hardDescriptions() {
        // Each with a letter too: a text of separators or joiners alone is blank, and rightly refused.
        return Arbitraries.oneOf(Arbitraries.of(Junk.HARD_TEXT).map(t -> "Budget " + t), Arbitraries.of(Junk.SCRIPT),
                Arbitraries.of(Junk.SQL),
                Arbitraries.of("\ud83d\ude00".repeat(280), "\u00e9".repeat(280), "a\nb", "\"quoted\" \\ back\\slash"),
                Arbitraries.of(Junk.HARD_TEXT).list().ofMinSize(2).ofMaxSize(6).map(l -> String.join(" ", l)));
    }

    // ---- plumbing

    /** A token fetched again before it expires (the realm's live 5 minutes; the properties take longer). */
    static final class Fresh {

        private final java.util.function.Supplier<String> fetch;
        private String token;
        private long fetched;

        Fresh(java.util.function.Supplier<String> fetch) {
            this.fetch = fetch;
        }

        synchronized String get() {
            if (token == null || System.nanoTime() - fetched > Duration.ofMinutes(3).toNanos()) {
                token = fetch.get();
                fetched = System.nanoTime();
            }
            return token;
        }
    }

    static String partner(int i) {
        return partners.get(i).get();
    }

    static String tokenFor(String role, int partner) {
        return switch (role) {
            case "partner" -> partner(partner);
            case "customer" -> alice.get();
            case "bank" -> bank.get();
            default -> operator.get();
        };
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static RequestSpecification spec(String token, Map<String, String> headers) {
        RequestSpecification spec = given().auth().oauth2(token);
        if (!headers.containsKey("Accept")) {
            spec = spec.accept(ContentType.JSON);
        }
        for (var header : headers.entrySet()) {
            spec = spec.header(header.getKey(), header.getValue());
        }
        return spec;
    }

    static Response send(String token, String method, String path, Body body, Map<String, String> headers) {
        RequestSpecification spec = spec(token, headers).urlEncodingEnabled(false);
        if (body != null) {
            if (!body.contentType().contains("json")) {
                // RestAssured would encode a form itself: these bytes go as they are, whatever the media type says.
                spec = spec.config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs(body.contentType(), ContentType.BINARY)));
            }
            spec = spec.contentType(body.contentType()).body(body.bytes());
        }
        long started = System.nanoTime();
        Response response = spec.request(method, path);
        NANOS_IN_REQUESTS.add(System.nanoTime() - started);
        return response;
    }

    static String createConsent(String partner, List<String> permissions, String purpose) {
        return as(partner).body(Json.write(Json.with(Json.with(Json.with(validConsent(), "Data.Permissions", permissions),
                "Data.Purpose.Code", purpose), "Data.FrequencyPerDay", 100))).post(AISP + "/account-access-consents").then()
                .statusCode(201).extract().path("Data.ConsentId");
    }

    static String past(long seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(seconds).withNano(0).toString();
    }

    static String future(long seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).withNano(0).toString();
    }

    static String encode(String id) {
        StringBuilder out = new StringBuilder();
        for (byte b : id.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
