package org.openbanking.gateway.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Whether the services answer at all, in the health group {@code dependencies} (on the management port:
 * {@code /q/health/group/dependencies}). Not readiness: a replica that cannot reach consent-service still answers every
 * call with a 503 envelope and its interaction id (contract: Operations), which an ingress's bare 503 would not. Any HTTP
 * answer on the service's API port (a 401 to this unauthenticated probe) means it is reachable; its own health is on
 * its management port, which the gateway is not let through to.
 */
@HealthGroup("dependencies")
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
        return client.getAbs(baseUrl + "/internal").send()
                .ifNoItem().after(TIMEOUT).fail()
                .map(r -> r.statusCode() < 500)
                .onFailure().recoverWithItem(false);
    }
}
