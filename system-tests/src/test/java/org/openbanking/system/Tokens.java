package org.openbanking.system;

import static io.restassured.RestAssured.given;

/** Real tokens from the local Keycloak, as partners, banks and users get them. */
final class Tokens {

    private Tokens() {
    }

    static String partner() {
        return clientCredentials("demo-messenger", "demo-messenger-secret");
    }

    static String bank(String bankId) {
        return clientCredentials(bankId, bankId + "-secret");
    }

    /** The dev realm's password grant through the dev-only public client {@code dev-cli}. */
    static String user(String username) {
        return given().baseUri(SystemStack.tokenUrl()).port(-1).formParam("grant_type", "password")
                .formParam("client_id", "dev-cli").formParam("username", username).formParam("password", username)
                .post().then().statusCode(200).extract().path("access_token");
    }

    static String clientCredentials(String clientId, String secret) {
        return given().baseUri(SystemStack.tokenUrl()).port(-1).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .post().then().statusCode(200).extract().path("access_token");
    }
}
