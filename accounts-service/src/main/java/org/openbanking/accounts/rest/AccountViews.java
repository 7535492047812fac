package org.openbanking.accounts.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.openbanking.accounts.model.Account;
import org.openbanking.accounts.model.BankTransaction;
import org.openbanking.accounts.service.AccountReadService;
import org.openbanking.accounts.service.Money;
import org.openbanking.common.DateTimes;

/** Entities to the contract's shapes, trimmed to what the permissions allow. */
final class AccountViews {

    static final String PARTNER_ACCOUNTS = "/open-banking/v3.1/aisp/accounts";

    private AccountViews() {
    }

    /**
     * {@code detail}: the identification in full (ReadAccountsDetail, or the user's own view); otherwise none at all,
     * not even masked, as ReadAccountsBasic promises and OBAccount6 allows. {@code bank}: the user's own view, which
     * also carries the bank and a masked number to tell the user's accounts apart.
     */
    static AccountView.Item item(Account a, boolean detail, boolean bank) {
        return new AccountView.Item(a.id, a.currency, a.accountType, a.accountSubType, a.nickname,
                bank ? mask(a.iban) : null,
                detail ? List.of(new AccountView.Identification("UK.OBIE.IBAN", a.iban)) : null,
                bank ? a.bankId : null);
    }

    static AccountView accounts(List<Account> accounts, boolean detail, boolean bank, String self) {
        return new AccountView(new AccountView.Data(accounts.stream().map(a -> item(a, detail, bank)).toList()),
                new AccountView.Links(self, null), Map.of());
    }

    static BalanceView balances(Account a, String self) {
        String at = DateTimes.format(a.balanceUpdatedAt);
        return new BalanceView(new BalanceView.Data(List.of(
                new BalanceView.Item(a.id, amount(a.bookedAmount.abs(), a.currency), indicator(a.bookedAmount), "InterimBooked",
                        at),
                new BalanceView.Item(a.id, amount(a.availableAmount.abs(), a.currency), indicator(a.availableAmount),
                        "InterimAvailable", at))),
                new AccountView.Links(self, null), Map.of());
    }

    static TransactionView transactions(AccountReadService.TransactionPage page, String self, String next) {
        boolean detail = page.detail();
        return new TransactionView(new TransactionView.Data(page.transactions().stream().map(t -> item(t, detail)).toList()),
                new AccountView.Links(self, next),
                new TransactionView.Meta(DateTimes.format(page.from()), DateTimes.format(page.to())));
    }

    static TransactionView.Item item(BankTransaction t, boolean detail) {
        return new TransactionView.Item(t.accountId, t.transactionId, t.creditDebit, t.status,
                DateTimes.format(t.bookingTime), amount(t.amount, t.currency),
                detail ? t.information : null,
                detail && (t.merchantName != null || t.merchantCategoryCode != null)
                        ? new TransactionBatch.MerchantDetails(t.merchantName, t.merchantCategoryCode)
                        : null,
                detail && t.balanceAfter != null
                        ? new TransactionView.Balance(amount(t.balanceAfter.abs(), t.currency), indicator(t.balanceAfter),
                                "InterimBooked")
                        : null);
    }

    /** The country and check digits and the last four characters: enough to tell accounts apart, not to use one. */
    static String mask(String iban) {
        return iban.substring(0, 4) + "*".repeat(iban.length() - 8) + iban.substring(iban.length() - 4);
    }

    private static Amount amount(BigDecimal value, String currency) {
        return new Amount(Money.format(value), currency);
    }

    private static String indicator(BigDecimal value) {
        return value.signum() < 0 ? "Debit" : "Credit";
    }
}
