package org.openbanking.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

/**
 * HTTP calls that know when they started and ended, on the clock of the test JVM: the fault and concurrency tests
 * relate calls to the moment a fault began or a revoke returned. Thread-safe; a call that gets no answer at all is a
 * reply with status -1. Each call sends its own {@code x-fapi-interaction-id}, which the gateway copies into the access
 * receipt, so a response and its receipt can be matched one to one.
 */
final class Timed {

    static final String AISP = "/open-banking/v3.1/aisp";
    static final String CUSTOMER_IP = "x-fapi-customer-ip-address";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * For calls that must each open a connection of their own (with {@code Connection: close}, which the surefire
     * configuration lets the JDK client send): a request written onto a pooled keep-alive connection that the server
     * closes at that moment gets no byte back without the server ever having read it, which a test of a stopping
     * server could not tell from a dropped call.
     */
    private static final HttpClient FRESH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    record Reply(int status, String body, String retryAfter, String interactionId, long start, long end) {

        long millis() {
            return (end - start) / 1_000_000;
        }

        JsonPath json() {
            return JsonPath.from(body);
        }

        String errorCode() {
            try {
                return json().getString("Errors[0].ErrorCode");
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** The gateway's fail-closed answer: 503 in the envelope, with Retry-After. */
        boolean isUnavailable() {
            return status == 503 && retryAfter != null && "OB.DependencyUnavailable".equals(errorCode());
        }

        @Override
        public String toString() {
            return status + " in " + millis() + " ms" + (status == 200 ? "" : ": " + body);
        }
    }

    private Timed() {
    }

    static Reply get(String url, String token) {
        return send("GET", url, token, null, Map.of());
    }

    static Reply post(String url, String token, Object json) {
        return send("POST", url, token, json, Map.of());
    }

    /** A partner's data call under a consent; with the user present when {@code userPresent}. */
    static Reply read(String gateway, String partnerToken, String consentId, String path, boolean userPresent) {
        return send("GET", gateway + AISP + path, partnerToken, null, userPresent
                ? Map.of("x-consent-id", consentId, CUSTOMER_IP, "198.51.100.7")
                : Map.of("x-consent-id", consentId));
    }

    /** {@link #read}, on a new connection that is closed after the answer (never one from the pool). */
    static Reply readOnNewConnection(String gateway, String partnerToken, String consentId, String path) {
        return send(FRESH, "GET", gateway + AISP + path, partnerToken, null, Map.of("x-consent-id", consentId,
                CUSTOMER_IP, "198.51.100.7", "Connection", "close"));
    }

    static Reply send(String method, String url, String token, Object json, Map<String, String> headers) {
        return send(CLIENT, method, url, token, json, headers);
    }

    private static Reply send(HttpClient client, String method, String url, String token, Object json,
            Map<String, String> headers) {
        String interactionId = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("x-fapi-interaction-id", interactionId);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);
        if (json != null) {
            String body = json instanceof String s ? s : toJson(json);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null), interactionId, start, System.nanoTime());
        } catch (IOException e) {
            return new Reply(-1, String.valueOf(e), null, interactionId, start, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted", null, interactionId, start, System.nanoTime());
        }
    }

    /** Enough JSON for the tests' request bodies: maps, lists, strings, numbers, booleans. */
    static String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(toJson(String.valueOf(k))).append(':')
                    .append(toJson(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(toJson(v)));
            return out.append(']').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
