package org.openbanking.consent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openbanking.common.ApiException;
import org.openbanking.consent.rest.ConsentRequest;

class ConsentRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static ConsentRequest request(Map<String, Object> risk) {
        return new ConsentRequest(new ConsentRequest.Data(List.of("ReadAccountsBasic"), "2027-01-01T00:00:00Z", null, null,
                new ConsentRequest.Purpose("AccountAggregation", "All your accounts in one place"), null, null), risk);
    }

    private static List<String> refusedPaths(ConsentRequest request) {
        ApiException refused = assertThrows(ApiException.class, () -> ConsentRules.validate(request, NOW));
        assertEquals(400, refused.status());
        return refused.errors().stream().map(e -> e.errorCode() + " " + e.path()).toList();
    }

    @Test
    void aMinimalObieRequestWithTheRequiredPurposeIsValid() {
        ConsentRules.NewConsent valid = ConsentRules.validate(request(Map.of()), NOW);
        assertEquals(List.of("ReadAccountsBasic"), valid.permissions());
        assertEquals(ConsentRules.DEFAULT_FREQUENCY_PER_DAY, valid.frequencyPerDay());
    }

    @Test
    void riskIsRequiredAndHasNoFieldsForAccountAccess() {
        assertEquals(List.of("UK.OBIE.Field.Missing Risk"), refusedPaths(request(null)));
        assertEquals(List.of("UK.OBIE.Field.Invalid Risk.PaymentContextCode"),
                refusedPaths(request(Map.of("PaymentContextCode", "BillPayment"))));
    }
}
