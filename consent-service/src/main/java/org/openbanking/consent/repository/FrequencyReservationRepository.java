package org.openbanking.consent.repository;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * FrequencyPerDay budgets. Each operation is one SQL statement, so it is atomic without a transaction around it: the
 * conditional upsert takes the row lock of (consent, bucket, day), and parallel calls queue on it.
 */
@ApplicationScoped
public class FrequencyReservationRepository {

    /** Bumps the count only while it is below the limit, and records the reservation in the same statement. */
    private static final String RESERVE = """
            with bumped as (
                insert into frequency_usage (consent_id, bucket, day, used) values ($2, $3, $4, 1)
                on conflict (consent_id, bucket, day) do update set used = frequency_usage.used + 1
                    where frequency_usage.used < $5
                returning used)
            insert into frequency_reservation (id, consent_id, partner_id, bucket, day)
            select $1, $2, $6, $3, $4 from bumped
            returning (select used from bumped)
            """;

    /** Gives a reservation back once: a second release, or one of another partner, finds nothing to release. */
    private static final String RELEASE = """
            with released as (
                update frequency_reservation set released = true
                where id = $1 and partner_id = $2 and not released
                returning consent_id, bucket, day)
            update frequency_usage u set used = u.used - 1 from released r
            where u.consent_id = r.consent_id and u.bucket = r.bucket and u.day = r.day and u.used > 0
            returning u.used
            """;

    @Inject
    Pool pool;

    /** The count after this call, or null when the limit was already reached (nothing reserved). */
    public Uni<Integer> reserve(UUID id, String consentId, String partnerId, String bucket, LocalDate day, int limit) {
        return pool.preparedQuery(RESERVE).execute(Tuple.tuple().addUUID(id).addString(consentId).addString(bucket)
                .addLocalDate(day).addInteger(limit).addString(partnerId)).map(FrequencyReservationRepository::firstInt);
    }

    /** True if the reservation is this partner's (released now or before); false if there is no such reservation. */
    public Uni<Boolean> release(UUID id, String partnerId) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(id, partnerId)).chain(rows -> rows.rowCount() > 0
                ? Uni.createFrom().item(true)
                : pool.preparedQuery("select 1 from frequency_reservation where id = $1 and partner_id = $2")
                        .execute(Tuple.of(id, partnerId)).map(found -> found.rowCount() > 0));
    }

    /** Whether this reservation id was taken by the same call (a retried decision), not by another one. */
    public Uni<Boolean> isReservedFor(UUID id, String consentId, String partnerId, String bucket) {
        return pool.preparedQuery("select 1 from frequency_reservation"
                + " where id = $1 and consent_id = $2 and partner_id = $3 and bucket = $4 and not released")
                .execute(Tuple.of(id, consentId, partnerId, bucket)).map(found -> found.rowCount() > 0);
    }

    /** Reservations of days that can no longer be released or counted; the counts stay as the day's record. */
    public Uni<Integer> pruneBefore(LocalDate day) {
        return pool.preparedQuery("delete from frequency_reservation where day < $1").execute(Tuple.of(day))
                .map(RowSet::rowCount);
    }

    private static Integer firstInt(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? null : rows.iterator().next().getInteger(0);
    }
}
