package org.openbanking.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The stack's data folder ({@code OB_DATA_DIR}): the logs of every process, and the state that --reset deletes. */
final class DataFolder {

    private DataFolder() {
    }

    /** The folder of the processes' logs, created on first use. */
    static Path logs(LaunchConfig config) {
        Path logs = config.dataDir().resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs;
    }

    /** Deletes a folder and everything in it; one that does not exist is left as it is. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
