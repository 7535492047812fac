package org.openbanking.bench;

import java.util.Locale;

/** Progress lines with the seconds since the benchmark started. */
public final class Log {

    private static final long STARTED = System.nanoTime();

    private Log() {
    }

    public static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench %5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9,
                String.format(Locale.ROOT, format, args));
    }
}
