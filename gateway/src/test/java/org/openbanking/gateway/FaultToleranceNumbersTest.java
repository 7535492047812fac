package org.openbanking.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.gateway.downstream.AccountsClient;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.downstream.OffersClient;
import org.openbanking.testing.FaultToleranceNumbers;

class FaultToleranceNumbersTest {

    @Test
    void everyTimeoutRetryBreakerAndBulkheadNumberIsInApplicationProperties() {
        assertEquals(List.of(), FaultToleranceNumbers.missing(ConsentClient.class, AccountsClient.class, OffersClient.class));
    }
}
