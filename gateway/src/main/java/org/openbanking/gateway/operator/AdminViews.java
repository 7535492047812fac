package org.openbanking.gateway.operator;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The operator API's shapes. A client secret appears only in the answer that created or rotated it. */
final class AdminViews {

    private AdminViews() {
    }

    record PartnerRequest(@JsonProperty("Name") String name, @JsonProperty("Contact") String contact,
            @JsonProperty("RedirectUris") List<String> redirectUris) {
    }

    record BankRequest(@JsonProperty("BankId") String bankId, @JsonProperty("Name") String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Partner(@JsonProperty("PartnerId") String partnerId, @JsonProperty("ClientId") String clientId,
            @JsonProperty("ClientSecret") String clientSecret, @JsonProperty("Name") String name,
            @JsonProperty("Contact") String contact, @JsonProperty("RedirectUris") List<String> redirectUris,
            @JsonProperty("Status") String status) {
    }

    record Partners(@JsonProperty("Data") Data data) {
    }

    record Data(@JsonProperty("Partner") List<Partner> partner) {
    }

    record Secret(@JsonProperty("ClientId") String clientId, @JsonProperty("ClientSecret") String clientSecret) {
    }

    record Bank(@JsonProperty("BankId") String bankId, @JsonProperty("ClientId") String clientId,
            @JsonProperty("ClientSecret") String clientSecret) {
    }
}
