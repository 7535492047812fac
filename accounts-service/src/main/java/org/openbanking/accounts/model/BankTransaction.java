package org.openbanking.accounts.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

@Entity
@Table(name = "bank_transaction")
@IdClass(BankTransaction.Key.class)
public class BankTransaction {

    @Id
    public String accountId;
    @Id
    public String transactionId;
    public Instant bookingTime;
    public BigDecimal amount;
    public String currency;
    public String creditDebit;
    public String status;
    public String information;
    public String merchantName;
    public String merchantCategoryCode;
    public BigDecimal balanceAfter;

    public static class Key implements Serializable {

        public String accountId;
        public String transactionId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(accountId, k.accountId)
                    && Objects.equals(transactionId, k.transactionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, transactionId);
        }
    }
}
