package org.openbanking.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openbanking.bench.measure.ProcStats;
import org.openbanking.launcher.LaunchConfig;
import org.openbanking.launcher.Stack;

/**
 * The whole platform for the benchmarks, started by the launcher's own code on ports of its own (28080…, Keycloak
 * 28180, PostgreSQL 55434), so that a developer's ./run (8080…) and the system tests (18080…) are not disturbed. Its
 * data folder, bench/target/stack, is kept between runs: Keycloak's first start and the million-row load happen once.
 */
public final class BenchStack implements AutoCloseable {

    public static final int GATEWAY = 28080;
    public static final int SECOND_GATEWAY = 28090;
    public static final int KEYCLOAK = 28180;
    public static final int POSTGRES = 55434;

    private final LaunchConfig config;
    private final Stack stack;
    private String secondGateway;

    /**
     * @param profileDir when not null, each service records a Java Flight Recording (default settings) into its own
     *        folder under it, written when the service stops
     */
    public BenchStack(Path root, boolean reset, int rateLimitPerSecond, Path profileDir) {
        config = new LaunchConfig(root, root.resolve("bench/target/stack"), POSTGRES, null, "postgres", "postgres",
                "http://localhost:" + KEYCLOAK, false, KEYCLOAK,
                Map.of("gateway", GATEWAY, "consent-service", 28081, "accounts-service", 28082, "partner-offers-service",
                        28083),
                reset);
        stack = new Stack(config, line -> System.out.println("[stack] " + line));
        // The rate limit stays on, raised so that it does not cap the load: the table says at what rate.
        stack.putEnvironment("gateway", "GATEWAY_RATE_LIMIT_PER_SECOND", String.valueOf(rateLimitPerSecond));
        stack.putEnvironment("gateway", "GATEWAY_RATE_LIMIT_BURST", String.valueOf(rateLimitPerSecond));
        // Renew the services' own tokens 30 s before they expire. Without it, Quarkus' OIDC client renews only once the
        // token's exp second has passed, while the receiving service already refuses it during that second: every
        // 5 minutes some calls get 401 (relayed to the partner as "The access token is not valid"). See README.
        for (String service : List.of("gateway", "consent-service", "partner-offers-service")) {
            stack.putEnvironment(service, "QUARKUS_OIDC_CLIENT_REFRESH_TOKEN_TIME_SKEW", "30S");
        }
        if (profileDir != null) {
            for (String service : LaunchConfig.SERVICES) {
                Path dir = profileDir.resolve(service).toAbsolutePath();
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot create " + dir, e);
                }
                stack.putEnvironment(service, "JAVA_TOOL_OPTIONS",
                        "-XX:StartFlightRecording=settings=default,dumponexit=true,filename=" + dir + "/");
            }
        }
    }

    public void start() {
        stack.start();
    }

    /** A second gateway replica, for revocation across replicas. */
    public String secondGateway() {
        if (secondGateway == null) {
            secondGateway = stack.startExtraGateway(SECOND_GATEWAY);
        }
        return secondGateway;
    }

    public String gateway() {
        return config.url("gateway");
    }

    public String url(String service) {
        return config.url(service);
    }

    public String keycloakUrl() {
        return config.keycloakUrl();
    }

    public int port(String service) {
        return config.servicePorts().get(service);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + POSTGRES + "/" + database;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Map<String, ProcessHandle> processes() {
        return stack.processes();
    }

    public Duration restart(String name) {
        return stack.restart(name);
    }

    /** The embedded PostgreSQL's postmaster, from its pid file. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(config.dataDir().resolve("postgres/postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL's pid file is not readable", e);
        }
    }

    /**
     * CPU ticks so far per process group: each service and replica, Keycloak, PostgreSQL's backends by database
     * ({@code pg:consent}, {@code pg:accounts}, …) and its background processes ({@code pg:other}), plus any extra
     * processes (nginx) given by name.
     */
    public Map<String, Long> cpuTicks(Map<String, ProcessHandle> extra) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        stack.processes().forEach((name, handle) -> ticks.put(name, ProcStats.cpuTicksOfTree(handle)));
        extra.forEach((name, handle) -> ticks.put(name, ProcStats.cpuTicksOfTree(handle)));
        long postmaster = postmasterPid();
        ticks.merge("pg:other", ProcStats.cpuTicks(postmaster), Long::sum);
        for (ProcessHandle backend : ProcStats.children(postmaster)) {
            // "postgres: <user> <database> <host(port)> <state>" for client backends; anything else is background.
            String[] words = ProcStats.commandLine(backend.pid()).split(" ");
            String group = words.length >= 4 && words[0].equals("postgres:") && words[3].contains("(")
                    ? "pg:" + words[2]
                    : "pg:other";
            ticks.merge(group, ProcStats.cpuTicks(backend.pid()), Long::sum);
        }
        ticks.put("bench (load client)", ProcStats.cpuTicks(ProcessHandle.current().pid()));
        return ticks;
    }

    @Override
    public void close() {
        stack.close();
    }
}
