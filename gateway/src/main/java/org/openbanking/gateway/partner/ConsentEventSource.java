package org.openbanking.gateway.partner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Multi;

/** Where the gateway hears about consent transitions; an interface so the cache can be tested with events it controls. */
public interface ConsentEventSource {

    String HEARTBEAT = "Heartbeat";
    String TRANSITION = "Transition";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(@JsonProperty("Type") String type, @JsonProperty("ConsentId") String consentId,
            @JsonProperty("Status") String status,
            /** The forwarding replica's listener epoch: it changes when that listener may have missed events. */
            @JsonProperty("Epoch") String epoch,
            /** When consent-service published it (ISO 8601, milliseconds); absent from older senders. */
            @JsonProperty("DateTime") String dateTime,
            /** The W3C trace context of the transition (absent when it was not traced). */
            @JsonProperty("Traceparent") String traceparent) {
    }

    /** A stream that ends or fails when the connection is lost. */
    Multi<Event> subscribe();
}
