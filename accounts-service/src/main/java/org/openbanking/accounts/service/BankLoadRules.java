package org.openbanking.accounts.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID_DATE;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.openbanking.accounts.rest.AccountLoad;
import org.openbanking.accounts.rest.Amount;
import org.openbanking.accounts.rest.TransactionBatch;
import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Ids;
import org.openbanking.common.Text;

/**
 * The contract's rules for what a bank loads (as {@code ConsentRules} for consents): an account and a batch of
 * transactions, every violation reported with its code and path, all of a request's together; nothing is stored
 * unless all hold. Lengths are OBIE's (Nickname 70, TransactionInformation 500, MerchantName 350).
 */
public final class BankLoadRules {

    public static final int MAX_BATCH = 1000;
    /** OBIE's account types and sub-types (OBExternalAccountType1Code, OBExternalAccountSubType1Code). */
    static final Set<String> ACCOUNT_TYPES = Set.of("Personal", "Business");
    static final Set<String> ACCOUNT_SUB_TYPES = Set.of("CurrentAccount", "Savings", "CreditCard", "Loan", "Mortgage",
            "PrePaidCard", "ChargeCard", "EMoney");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,64}");
    private static final Pattern MCC = Pattern.compile("\\d{4}");

    private BankLoadRules() {
    }

    /** An account load that passed every rule: what the load does not carry as given. */
    public record Valid(LocalDate openedOn, BigDecimal booked, BigDecimal available) {
    }

    public static void requirePathIds(String bankId, String customerRef, String bankAccountId) {
        Ids.requireValid(bankId, "BankId");
        Ids.requireValid(customerRef, "CustomerRef");
        if (bankAccountId == null || !TRANSACTION_ID.matcher(bankAccountId).matches()) {
            throw ApiException.badRequest(FIELD_INVALID, "AccountId", "Not a valid account id");
        }
    }

    public static Valid validate(AccountLoad load) {
        if (load == null) {
            throw ApiException.badRequest(FIELD_MISSING, null, "A body is required");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        if (!Money.isCurrency(load.currency())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Currency", "Currency must be an ISO 4217 code"));
        }
        // Set.of(...).contains(null) throws: a missing value is checked first.
        if (load.accountType() == null || !ACCOUNT_TYPES.contains(load.accountType())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "AccountType", "AccountType must be Personal or Business"));
        }
        if (load.accountSubType() == null || !ACCOUNT_SUB_TYPES.contains(load.accountSubType())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "AccountSubType", "AccountSubType must be one of " + ACCOUNT_SUB_TYPES));
        }
        if (load.nickname() != null
                && (load.nickname().length() > 70 || !Text.isPlain(load.nickname(), false))) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Nickname", "Nickname must be at most 70 printable characters"));
        }
        if (load.iban() == null || !IBAN.matcher(load.iban()).matches() || !ibanChecksumValid(load.iban())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Iban", "Iban must be a valid IBAN without spaces"));
        }
        LocalDate opened = null;
        if (load.openingDate() != null) {
            try {
                opened = LocalDate.parse(load.openingDate());
                if (opened.getYear() < 1 || opened.getYear() > 9999) {
                    throw new DateTimeParseException("not a four-digit year", load.openingDate(), 0);
                }
            } catch (DateTimeParseException e) {
                errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "OpeningDate", "OpeningDate must be an ISO 8601 date"));
            }
        }
        BigDecimal booked = null;
        BigDecimal available = null;
        if (load.balance() == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "Balance", "Balance is required"));
        } else {
            booked = balance(load.balance().booked(), load.currency(), "Balance.Booked", errors);
            available = balance(load.balance().available(), load.currency(), "Balance.Available", errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new Valid(opened, booked, available);
    }

    private static BigDecimal balance(Amount amount, String currency, String path, List<ErrorDetail> errors) {
        if (amount == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, path, path + " is required"));
            return null;
        }
        BigDecimal value = Money.parseSigned(amount.amount());
        if (value == null) {
            errors.add(
                    ErrorDetail.of(FIELD_INVALID, path + ".Amount", "Amount must be a decimal string with at most 2 decimals"));
        }
        if (amount.currency() == null || !amount.currency().equals(currency)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Currency", "Balances are in the account's currency"));
        }
        return value;
    }

    /**
     * Every row of a batch (all violations at once, each naming its row); the booking times, row by row, when all hold.
     */
    public static List<Instant> validate(TransactionBatch batch) {
        List<TransactionBatch.Entry> rows = batch == null ? null : batch.transaction();
        if (rows == null || rows.isEmpty()) {
            throw ApiException.badRequest(FIELD_MISSING, "Transaction", "Transaction must list at least one transaction");
        }
        if (rows.size() > MAX_BATCH) {
            throw ApiException.badRequest(FIELD_INVALID, "Transaction", "At most " + MAX_BATCH + " transactions per batch");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            times.add(validate(rows.get(i), "Transaction[" + i + "]", ids, errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return times;
    }

    private static Instant validate(TransactionBatch.Entry row, String path, Set<String> ids, List<ErrorDetail> errors) {
        if (row == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, path, "A transaction is required here"));
            return null;
        }
        if (row.transactionId() == null || !TRANSACTION_ID.matcher(row.transactionId()).matches()) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".TransactionId",
                    "TransactionId must be 1 to 64 URL-safe characters"));
        } else if (!ids.add(row.transactionId())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".TransactionId", "Duplicate TransactionId in this batch"));
        }
        Instant booking = DateTimes.parse(row.bookingDateTime());
        if (booking == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, path + ".BookingDateTime",
                    "BookingDateTime must be an ISO 8601 date-time with an offset"));
        }
        if (row.amount() == null || Money.parse(row.amount().amount()) == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Amount.Amount",
                    "Amount must be a non-negative decimal string with at most 2 decimals"));
        }
        if (row.amount() == null || !Money.isCurrency(row.amount().currency())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Amount.Currency", "Currency must be an ISO 4217 code"));
        }
        if (!"Credit".equals(row.creditDebitIndicator()) && !"Debit".equals(row.creditDebitIndicator())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".CreditDebitIndicator", "Must be Credit or Debit"));
        }
        if (!"Booked".equals(row.status()) && !"Pending".equals(row.status())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Status", "Must be Booked or Pending"));
        }
        if (row.transactionInformation() != null
                && (row.transactionInformation().length() > 500 || !Text.isPlain(row.transactionInformation(), false))) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".TransactionInformation",
                    "At most 500 characters of well-formed text without control characters"));
        }
        TransactionBatch.MerchantDetails merchant = row.merchantDetails();
        if (merchant != null && merchant.merchantName() != null
                && (merchant.merchantName().length() > 350 || !Text.isPlain(merchant.merchantName(), false))) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".MerchantDetails.MerchantName",
                    "At most 350 characters of well-formed text without control characters"));
        }
        if (merchant != null && merchant.merchantCategoryCode() != null
                && !MCC.matcher(merchant.merchantCategoryCode()).matches()) {
            errors.add(
                    ErrorDetail.of(FIELD_INVALID, path + ".MerchantDetails.MerchantCategoryCode", "Four digits (ISO 18245)"));
        }
        if (row.balanceAfter() != null && Money.parseSigned(row.balanceAfter().amount()) == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".BalanceAfter.Amount", "Must be a decimal string"));
        }
        return booking;
    }

    /** ISO 13616 mod-97 check. */
    static boolean ibanChecksumValid(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
