package org.openbanking.gateway.dashboard;

/**
 * A failure to show as a page rather than as an error: a service's 4xx (with its message), the gateway's 503, an
 * unreadable answer, or a form the dashboard refuses. Thrown inside the pages' pipelines, rendered by
 * {@link DashboardResource}.
 */
final class Problem extends RuntimeException {

    final int status;

    Problem(int status, String message) {
        // No stack trace: this is an answer to show, not a fault to debug.
        super(message, null, false, false);
        this.status = status;
    }

    static Problem notFound() {
        return new Problem(404, "There is no such request or consent for you.");
    }
}
