package org.openbanking.accounts.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.Ids;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Offer-eligibility facts computed from a user's data, one set per account: the 90-day average balance, the monthly
 * income (credits over 90 days / 3), the account's type. Only EUR accounts count (the sandbox and the offers are in
 * EUR). Amounts are reported as the lower bound of their band, so the exact figures never leave this service. Facts
 * are per account because an offer is placed for an account (OBIE's OBReadOffer1 names one), and a match must be
 * explained by that account alone.
 */
@ApplicationScoped
public class FactsService {

    public record Facts(String accountId, BigDecimal averageBalanceBand, BigDecimal monthlyIncomeBand, String accountType) {
    }

    static final int[] BALANCE_BANDS = {0, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000};
    static final int[] INCOME_BANDS = {0, 1000, 2000, 3000, 4000, 5000, 7500, 10000};

    /**
     * A transaction booked at t moved every end-of-day balance before t. The day-end balances of the window are
     * the current balance minus what came after each of them, so their average is the current balance minus the
     * sum of signed amounts, each weighted by the number of day-ends it preceded, over 90.
     */
    private static final String FACTS = """
            with acc as (select id, booked_amount, account_sub_type from account
                         where user_id = $1 and id = any($3) and linked and currency = 'EUR'),
                 tx as (select t.account_id, t.amount, t.credit_debit, t.booking_time
                        from bank_transaction t join acc on acc.id = t.account_id
                        where t.status = 'Booked' and t.booking_time > $2::timestamptz - interval '90 days')
            select acc.id, acc.account_sub_type,
                   acc.booked_amount
                   - coalesce((select sum(case when credit_debit = 'Credit' then amount else -amount end
                        * floor(extract(epoch from (booking_time - ($2::timestamptz - interval '90 days'))) / 86400)) / 90
                        from tx where tx.account_id = acc.id), 0) as average_balance,
                   coalesce((select sum(amount) from tx where tx.account_id = acc.id and credit_debit = 'Credit'), 0) / 3
                     as monthly_income
            from acc order by acc.id
            """;

    @Inject
    Pool pool;
    @Inject
    Clock clock;

    /**
     * Facts of the given accounts of the user only: the accounts a consent covers. Offers are never matched on what
     * the user holds elsewhere (a ladder of offers would otherwise tell the partner about accounts it was not shown).
     * Accounts that are not the user's, not linked or not in EUR have no facts.
     */
    public Uni<List<Facts>> factsOf(String userId, List<String> accountIds) {
        Ids.requireValid(userId, "UserId");
        if (accountIds == null || accountIds.isEmpty() || accountIds.size() > 100
                || !accountIds.stream().allMatch(Ids::isValid)) {
            throw ApiException.badRequest(ErrorCodes.FIELD_INVALID, "accountIds",
                    "accountIds must list the consent's accounts (1 to 100 valid ids)");
        }
        return pool.preparedQuery(FACTS)
                .execute(Tuple.of(userId, clock.instant().atOffset(ZoneOffset.UTC), accountIds.toArray(String[]::new)))
                .map(rows -> {
                    List<Facts> facts = new ArrayList<>();
                    for (Row row : rows) {
                        facts.add(new Facts(row.getString("id"), band(row.getBigDecimal("average_balance"), BALANCE_BANDS),
                                band(row.getBigDecimal("monthly_income"), INCOME_BANDS), row.getString("account_sub_type")));
                    }
                    return facts;
                });
    }

    static BigDecimal band(BigDecimal value, int[] bands) {
        int floor = 0;
        for (int b : bands) {
            if (value.compareTo(BigDecimal.valueOf(b)) >= 0) {
                floor = b;
            }
        }
        return BigDecimal.valueOf(floor).setScale(2);
    }
}
