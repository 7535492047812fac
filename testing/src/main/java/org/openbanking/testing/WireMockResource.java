package org.openbanking.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for a neighbouring service: one WireMock server per subclass and test JVM, its URL given to the REST
 * client the subclass names. Tests stub it to answer, fail, hang or reset.
 */
public abstract class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<Class<?>, WireMockServer> SERVERS = new ConcurrentHashMap<>();

    /** The configuration property that points the service's REST client at the stand-in. */
    protected abstract String urlProperty();

    @Override
    public Map<String, String> start() {
        WireMockServer server = SERVERS.computeIfAbsent(getClass(), c -> {
            WireMockServer started = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
            started.start();
            return started;
        });
        return Map.of(urlProperty(), server.baseUrl());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }

    protected static WireMockServer server(Class<? extends WireMockResource> resource) {
        return SERVERS.get(resource);
    }
}
