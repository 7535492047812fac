package org.openbanking.gateway.downstream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A partner or bank onboarded at Keycloak, registered with the service that keeps its name (and its suspension). */
public record Registration(@JsonProperty("Name") String name) {
}
