package org.openbanking.gateway.dashboard;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.openbanking.common.ApiException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The dashboard's JSON with the services: an answer is read once into a {@link ServiceAnswers} record, and a 4xx (or
 * the gateway's own 503) becomes a {@link Problem} with the service's message; request bodies are written here too.
 */
@ApplicationScoped
class ServiceJson {

    @Inject
    ObjectMapper json;

    <T> Uni<T> read(Uni<Response> call, Class<T> type) {
        return asProblem(call).map(response -> body(response, type));
    }

    /** A consent the user may no longer see (404, or 400 for an id the service refuses) is left out, not a failure. */
    <T> Uni<Optional<T>> optional(Uni<Response> call, Class<T> type) {
        return asProblem(call).map(response -> {
            if (response.getStatus() == 404 || response.getStatus() == 400) {
                response.close();
                return Optional.empty();
            }
            return Optional.of(body(response, type));
        });
    }

    /** A write's answer: its failures count, its body is only checked to be JSON. */
    Uni<Void> done(Uni<Response> call) {
        return asProblem(call).map(response -> {
            body(response, JsonNode.class);
            return null;
        });
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gateway's own failures of a hop (a service unavailable: 503) are shown as a page too, with their message. */
    private static Uni<Response> asProblem(Uni<Response> call) {
        return call.onFailure(ApiException.class)
                .transform(e -> new Problem(((ApiException) e).status(), e.getMessage()));
    }

    private <T> T body(Response response, Class<T> type) {
        int status = response.getStatus();
        String text = response.hasEntity() ? response.readEntity(String.class) : "";
        if (status >= 400) {
            String message = "Something went wrong.";
            try {
                message = json.readTree(text).path("Message").asText(message);
            } catch (Exception e) {
                // keep the generic message: never show a body that is not the envelope
            }
            throw new Problem(status, message);
        }
        try {
            // An empty body (or a bare null) reads as {}: every list in it empty.
            T value = text.isBlank() ? null : json.readValue(text, type);
            return value != null ? value : json.readValue("{}", type);
        } catch (Exception e) {
            throw new Problem(502, "A service answered something unreadable. Nothing was changed by this page.");
        }
    }
}
