package org.openbanking.accounts.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account a bank loaded for one of its customers. {@code id} is the platform's; the bank's own id stays internal. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public String id;
    public String bankId;
    public String bankAccountId;
    public String userId;
    public String currency;
    public String accountType;
    public String accountSubType;
    public String nickname;
    public String iban;
    public LocalDate openedOn;
    public BigDecimal bookedAmount;
    public BigDecimal availableAmount;
    public Instant balanceUpdatedAt;
    public Instant updatedAt;
    /** False once the user unlinked the bank: the account is then seen by no one until the bank loads it again. */
    public boolean linked;
}
