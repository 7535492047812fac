package org.openbanking.launcher;

import java.util.concurrent.TimeUnit;

/** What the launcher does alike with every process it starts: stop one, and pause between polls while one starts. */
final class Processes {

    private Processes() {
    }

    /** Asks the process to stop, and ends it at once if it has not within {@code seconds}. */
    static void stop(Process process, int seconds) {
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** An interrupt ends the pause early and stays set, so that the caller's next blocking call sees it. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
