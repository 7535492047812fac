package org.openbanking.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openbanking.sandbox.DemoIdentities;

/**
 * Links alice and bob to the demo banks for the local run as they would: each asks for a one-time code for a bank
 * through {@code /me/bank-links} (with the dev realm's {@code dev-cli} password grant), and the bank redeems it through
 * {@code /banks/customer-links}. The sandbox accounts are then shown for linked banks only. A second start finds the
 * links there (409) and changes nothing.
 */
final class DemoLinks {

    /** Who banks where in the sandbox (SandboxGenerator.demo). */
    static final List<String[]> LINKS = List.of(new String[]{"alice", "bank-alpha"}, new String[]{"alice", "bank-beta"},
            new String[]{"bob", "bank-alpha"}, new String[]{"bob", "bank-beta"});

    private DemoLinks() {
    }

    /** The demo users' ids in the dev realm (the sandbox's accounts name them). */
    private static final Map<String, String> USER_IDS = Map.of("alice", DemoIdentities.ALICE, "bob", DemoIdentities.BOB);

    /** Returns how many links were made now. */
    static int link(LaunchConfig config) {
        return linkAll(config).size();
    }

    /** The links made now: {@link #key}(user id, bank) → the bank's CustomerRef. */
    static Map<String, String> linkAll(LaunchConfig config) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String gateway = config.url("gateway");
        Map<String, String> linked = new LinkedHashMap<>();
        try {
            for (String[] link : LINKS) {
                String user = userToken(client, config, link[0]);
                if (user == null) {
                    continue; // a realm without the demo users (an external Keycloak): nothing to link
                }
                HttpResponse<String> code = sendWhileWarming(client, json(gateway + "/me/bank-links", user,
                        "{\"BankId\":\"" + link[1] + "\"}"));
                if (code.statusCode() == 409) {
                    continue; // linked on an earlier start
                }
                if (code.statusCode() != 201) {
                    throw new Stack.LaunchException("Could not create a link code for " + link[0] + ": " + code.body());
                }
                String linkCode = code.body().replaceAll(".*\"LinkCode\":\"([^\"]+)\".*", "$1");
                HttpResponse<String> redeemed = sendWhileWarming(client, json(gateway + "/banks/customer-links",
                        DemoOffers.token(client, config, link[1]), "{\"LinkCode\":\"" + linkCode + "\"}"));
                if (redeemed.statusCode() != 201) {
                    throw new Stack.LaunchException("Could not link " + link[0] + " to " + link[1] + ": " + redeemed.body());
                }
                linked.put(key(USER_IDS.get(link[0]), link[1]),
                        redeemed.body().replaceAll(".*\"CustomerRef\":\"([^\"]+)\".*", "$1"));
            }
        } catch (IOException e) {
            throw new Stack.LaunchException("Could not link the demo users to their banks: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return linked;
    }

    static String key(String userId, String bankId) {
        return userId + "@" + bankId;
    }

    /**
     * The first calls after a start meet services whose JVMs are still cold: a 503 (the gateway's budget for the hop
     * ran out) is tried again, up to 5 times a second apart. Both calls are safe to repeat: asking for a code again
     * replaces the pending one, and a code is redeemed at most once.
     */
    private static HttpResponse<String> sendWhileWarming(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        for (int attempt = 1; attempt < 5 && response.statusCode() == 503; attempt++) {
            Thread.sleep(1000);
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private static HttpRequest json(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Dev realm only: the demo users' passwords are their names, through the public dev-cli client. Null when the
     * realm has no such user or client.
     */
    private static String userToken(HttpClient client, LaunchConfig config, String user)
            throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=dev-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(config.keycloakUrl()
                + "/realms/openbanking/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1")
                : null;
    }
}
