package org.openbanking.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.consent.client.AccountsClient;
import org.openbanking.testing.FaultToleranceNumbers;

class FaultToleranceNumbersTest {

    @Test
    void everyTimeoutRetryAndBreakerNumberIsInApplicationProperties() {
        assertEquals(List.of(), FaultToleranceNumbers.missing(AccountsClient.class));
    }
}
