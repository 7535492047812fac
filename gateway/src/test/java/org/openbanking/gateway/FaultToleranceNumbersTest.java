package org.openbanking.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.gateway.client.AccountsClient;
import org.openbanking.gateway.client.ConsentClient;
import org.openbanking.gateway.client.OffersClient;
import org.openbanking.testing.FaultToleranceNumbers;

class FaultToleranceNumbersTest {

    @Test
    void everyTimeoutRetryBreakerAndBulkheadNumberIsInApplicationProperties() {
        assertEquals(List.of(), FaultToleranceNumbers.missing(ConsentClient.class, AccountsClient.class, OffersClient.class));
    }
}
