package org.openbanking.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL for the stack: the embedded one, with its data in the data folder (unless {@code OB_DB_HOST} names an
 * external one), and on it one database per service that owns data.
 */
final class Databases {

    private final LaunchConfig config;
    private final Consumer<String> say;
    private EmbeddedPostgres postgres;

    Databases(LaunchConfig config, Consumer<String> say) {
        this.config = config;
        this.say = say;
    }

    void start() {
        if (config.externalDbHost() != null) {
            say.accept("Using the external PostgreSQL at " + config.externalDbHost() + ":" + config.postgresPort());
            createDatabases();
            return;
        }
        Path pgData = config.dataDir().resolve("postgres");
        try {
            if (config.reset()) {
                DataFolder.deleteRecursively(pgData);
            }
            Files.createDirectories(pgData);
            say.accept("Starting embedded PostgreSQL 17 (data in " + pgData + ")");
            postgres = startEmbeddedPostgres(pgData);
        } catch (IOException e) {
            throw new Stack.LaunchException("Embedded PostgreSQL did not start: " + e.getMessage());
        }
        say.accept("PostgreSQL ready on port " + config.postgresPort());
        createDatabases();
    }

    /** A database that exists already is kept as it is, with its data. */
    private void createDatabases() {
        String url = config.jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(url, config.dbUser(), config.dbPassword())) {
            for (String service : LaunchConfig.SERVICES) {
                String db = LaunchConfig.databaseOf(service);
                if (db == null) {
                    continue;
                }
                try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, db);
                    try (ResultSet rs = exists.executeQuery(); Statement create = c.createStatement()) {
                        if (!rs.next()) {
                            create.execute("create database " + db);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new Stack.LaunchException("Could not prepare the databases at " + url + ": " + e.getMessage());
        }
    }

    /**
     * Stops the embedded PostgreSQL (a fast shutdown: every session ends, committed data stays) and starts it again on
     * the same data and port, returning how long it was away.
     */
    Duration restart() {
        if (postgres == null) {
            throw new Stack.LaunchException("Only the embedded PostgreSQL is restarted");
        }
        long stopping = System.nanoTime();
        try {
            postgres.close();
            postgres = startEmbeddedPostgres(config.dataDir().resolve("postgres"));
        } catch (IOException e) {
            throw new Stack.LaunchException("Embedded PostgreSQL did not start again: " + e.getMessage());
        }
        return Duration.ofNanos(System.nanoTime() - stopping);
    }

    void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
            postgres = null;
        }
    }

    private EmbeddedPostgres startEmbeddedPostgres(Path pgData) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(config.postgresPort())
                .start();
    }
}
