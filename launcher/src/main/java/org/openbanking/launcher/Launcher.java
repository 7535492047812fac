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
        System.out.printf("  %-24s %s%n", "Keycloak", config.keycloakUrl() + " (dev admin: admin/admin)");
        for (String service : LaunchConfig.SERVICES) {
            System.out.printf("  %-24s %s%n", service, config.url(service));
        }
        System.out.println(DemoGuide.text(config));
        stopped.await();
    }
}
