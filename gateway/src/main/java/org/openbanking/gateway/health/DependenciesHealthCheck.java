package org.openbanking.gateway.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Ready only when consent-service answers its own readiness: without it no partner data can be served (fail closed),
 * so a replica that cannot reach it should get no traffic. accounts-service and partner-offers-service are reported but
 * not required: without them the gateway still answers, with 503s and empty offers.
 */
@Readiness
@ApplicationScoped
public class DependenciesHealthCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.rest-client.consent-service.url")
    String consentUrl;
    @ConfigProperty(name = "quarkus.rest-client.accounts-service.url")
    String accountsUrl;
    @ConfigProperty(name = "quarkus.rest-client.partner-offers-service.url")
    String offersUrl;

    private WebClient client;

    @Override
    public Uni<HealthCheckResponse> call() {
        if (client == null) {
            client = WebClient.create(vertx);
        }
        return Uni.combine().all().unis(ready(consentUrl), ready(accountsUrl), ready(offersUrl)).asTuple()
                .map(t -> HealthCheckResponse.named("downstream services")
                        .status(t.getItem1())
                        .withData("consent-service", t.getItem1())
                        .withData("accounts-service", t.getItem2())
                        .withData("partner-offers-service", t.getItem3())
                        .build());
    }

    private Uni<Boolean> ready(String baseUrl) {
        return client.getAbs(baseUrl + "/q/health/ready").send()
                .ifNoItem().after(TIMEOUT).fail()
                .map(r -> r.statusCode() == 200)
                .onFailure().recoverWithItem(false);
    }
}
