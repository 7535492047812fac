package org.openbanking.k8scheck.source;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A network call a service makes, as its code and configuration name it: its kind, the REST client's config key or
 * the property that holds the URL, what it is for (in words), and the URL it resolves to.
 */
public record Call(Kind kind, String key, String purpose, String url) {

    public enum Kind {
        REST_CLIENT, OIDC, KEYCLOAK_ADMIN, DATASOURCE, TRACE_EXPORT
    }

    /** The host the URL names, or null when it is no URL. */
    public String host() {
        URI uri = uri();
        return uri == null ? null : uri.getHost();
    }

    /** The port the URL names, or its scheme's default. */
    public int port() {
        URI uri = uri();
        if (uri == null) {
            return -1;
        }
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return switch (uri.getScheme()) {
            case "https" -> 443;
            case "postgresql", "postgres" -> 5432;
            default -> 80;
        };
    }

    private URI uri() {
        String text = url;
        for (String prefix : new String[]{"jdbc:", "vertx-reactive:"}) {
            if (text.startsWith(prefix)) {
                text = text.substring(prefix.length());
            }
        }
        try {
            URI uri = new URI(text);
            return uri.getHost() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return purpose + " -> " + url;
    }
}
