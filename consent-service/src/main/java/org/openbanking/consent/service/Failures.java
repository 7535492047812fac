package org.openbanking.consent.service;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

final class Failures {

    private Failures() {
    }

    /** True when a write lost a race on a unique key (SQLSTATE 23505), however Hibernate wrapped it. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof ConstraintViolationException cv && "23505".equals(cv.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
