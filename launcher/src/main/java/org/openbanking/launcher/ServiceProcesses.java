package org.openbanking.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The services' JVMs: each started from its built jar with its settings and a log of its own, awaited until its
 * health check says ready, and on request restarted, killed or frozen; all stopped in the reverse order of their start.
 */
final class ServiceProcesses {

    private final LaunchConfig config;
    private final ServiceEnvironment environment;
    private final Consumer<String> say;
    /** In the order of their start, the gateway's extra replicas included. */
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> byName = new LinkedHashMap<>();

    ServiceProcesses(LaunchConfig config, ServiceEnvironment environment, Consumer<String> say) {
        this.config = config;
        this.environment = environment;
        this.say = say;
    }

    void start(String service) {
        Process process = launch(service);
        processes.add(process);
        byName.put(service, process);
    }

    void awaitReady(String service, Duration timeout) {
        Process process = byName.get(service);
        awaitUrl(config.managementUrl(service) + "/q/health/ready", service, process, timeout);
        say.accept(service + " ready at " + config.url(service));
    }

    /** Another gateway replica on its own port, started and awaited; its URL. Stopped with the others. */
    String startExtraGateway(int port) {
        Path jar = config.root().resolve("gateway/target/quarkus-app/quarkus-run.jar");
        Path log = DataFolder.logs(config).resolve("gateway-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment.of("gateway"));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(LaunchConfig.managementPort(port)));
        try {
            Process process = builder.start();
            processes.add(process);
            byName.put("gateway-" + port, process);
        } catch (IOException e) {
            throw new Stack.LaunchException("A second gateway did not start: " + e.getMessage());
        }
        String url = "http://localhost:" + port;
        awaitUrl("http://localhost:" + LaunchConfig.managementPort(port) + "/q/health/ready", "gateway on port " + port,
                processes.get(processes.size() - 1),
                Duration.ofSeconds(90));
        return url;
    }

    /** Stops one of the stack's services and starts it again alone, returning the time from its start to ready. */
    Duration restart(String name) {
        int index = List.of(LaunchConfig.SERVICES).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("Not a service of the stack: " + name);
        }
        Process old = byName.get(name);
        Processes.stop(old, 10);
        long started = System.nanoTime();
        Process process = launch(name);
        processes.set(processes.indexOf(old), process);
        byName.put(name, process);
        awaitReady(name, Duration.ofSeconds(90));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL, as a crash would: no shutdown, open connections reset. */
    void kill(String service) {
        Process process = running(service);
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM, as Kubernetes sends once a pod's pre-stop delay has passed, and no wait: the process shuts down as it is
     * configured to (gracefully, or not). The future completes when it has exited; the stack's close still ends it
     * should it hang.
     */
    CompletableFuture<Process> terminate(String name) {
        Process process = running(name);
        process.destroy();
        return process.onExit();
    }

    /** SIGSTOP or SIGCONT: frozen, it keeps its connections and its port but answers nothing, as a hung process. */
    void freeze(String service, boolean frozen) {
        Process process = running(service);
        // The shell's own kill: no procps needed.
        ProcessBuilder kill = new ProcessBuilder("sh", "-c", "kill -" + (frozen ? "STOP" : "CONT") + " " + process.pid());
        try {
            if (kill.inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException("Could not signal " + service);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running processes by name: each service, and {@code gateway-<port>} for extra replicas. */
    Map<String, ProcessHandle> handles() {
        Map<String, ProcessHandle> handles = new LinkedHashMap<>();
        byName.forEach((name, process) -> handles.put(name, process.toHandle()));
        return handles;
    }

    /** All are asked to stop first, then each is awaited: they shut down side by side. */
    void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        byName.clear();
    }

    private Process running(String service) {
        Process process = byName.get(service);
        if (process == null) {
            throw new IllegalArgumentException("Not a running process of the stack: " + service);
        }
        return process;
    }

    private Process launch(String service) {
        Path jar = config.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new Stack.LaunchException(
                    service + " is not built (" + jar + " is missing): run ./mvnw install -DskipTests");
        }
        Path logs = DataFolder.logs(config);
        List<String> command = List.of(javaBin(), "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + ".log").toFile());
        builder.environment().putAll(environment.of(service));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Stack.LaunchException(service + " did not start: " + e.getMessage());
        }
        say.accept("Starting " + service + " on port " + config.servicePorts().get(service) + " (log: "
                + logs.resolve(service + ".log")
                + ")");
        return process;
    }

    private void awaitUrl(String url, String what, Process process, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new Stack.LaunchException(
                        what + " stopped while starting; see the logs in " + config.dataDir().resolve("logs"));
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stack.LaunchException("Interrupted while waiting for " + what);
            }
            Processes.pause(250);
        }
        throw new Stack.LaunchException(what + " was not ready within " + timeout.toSeconds() + " s; see the logs in "
                + config.dataDir().resolve("logs"));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
