package org.openbanking.gateway.edge;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * What a partner call's span says about it, so that an operator finds "this partner's call on this consent" (with the
 * interaction id, set for every request). Never a user's data: partner ids are clients, consent ids are opaque.
 */
public final class TraceAttributes {

    public static final AttributeKey<String> PARTNER_ID = AttributeKey.stringKey("ob.partner_id");
    public static final AttributeKey<String> CONSENT_ID = AttributeKey.stringKey("ob.consent_id");

    private TraceAttributes() {
    }

    public static void partner(String partnerId) {
        Span.current().setAttribute(PARTNER_ID, partnerId);
    }

    public static void consent(String consentId) {
        Span.current().setAttribute(CONSENT_ID, consentId);
    }
}
