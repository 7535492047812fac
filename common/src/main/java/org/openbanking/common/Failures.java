package org.openbanking.common;

import java.sql.SQLException;

import io.vertx.pgclient.PgException;

/** Recognising database failures that a service answers in a particular way. */
public final class Failures {

    private Failures() {
    }

    /** True when a write lost a race on a unique key (SQLSTATE 23505), however deeply it was wrapped. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive converts the driver's error into a JDBCException whose cause is an SQLException.
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
