package org.openbanking.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code ./run}: the whole platform on this machine, until Ctrl-C. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean reset = List.of(args).contains("--reset");
        Path root = Path.of(System.getProperty("ob.root", ".")).toAbsolutePath().normalize();
        LaunchConfig config = LaunchConfig.fromEnvironment(root, reset);
        Stack stack = new Stack(config, System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping everything...");
            stack.close();
            stopped.countDown();
        }));
        try {
            stack.start();
        } catch (Stack.LaunchException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%nThe platform is up after %.1f s.%n", stack.elapsedMillis() / 1000.0);
        for (String service : LaunchConfig.SERVICES) {
            System.out.printf("  %-24s %s%n", service, config.url(service));
        }
        System.out.println("""

                Health:  curl -s %s/q/health/ready
                Data and logs are kept in %s (./run --reset starts from empty databases).
                Keycloak and the partner flow join this run as their issues land (see README).
                Press Ctrl-C to stop.""".formatted(config.url("consent-service"), config.dataDir()));
        stopped.await();
    }
}
