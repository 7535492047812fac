package org.openbanking.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The local Keycloak: the distribution zip that the build resolved from Maven Central, unpacked once into the data
 * folder, started in dev mode with the project's realm imported. Dev-only admin credentials (admin/admin).
 */
final class Keycloak {

    /** The build's Keycloak version (the root pom's {@code keycloak.version}, filtered into the launcher's jar). */
    static final String VERSION = buildProperty("keycloak.version");

    private Keycloak() {
    }

    /** The unpacked distribution, unpacking it on first use. */
    static Path home(LaunchConfig config) {
        Path home = config.dataDir().resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = zip(config);
        if (!Files.isRegularFile(zip)) {
            throw new Stack.LaunchException("Keycloak's distribution is missing at " + zip
                    + ": run ./mvnw install -DskipTests (the build copies it there), or set OB_KEYCLOAK_URL to use an "
                    + "external Keycloak.");
        }
        try {
            unzip(zip, config.dataDir());
            for (String script : new String[]{"kc.sh", "kcadm.sh", "kcreg.sh"}) {
                Path file = home.resolve("bin").resolve(script);
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new Stack.LaunchException("Could not unpack Keycloak: " + e.getMessage());
        }
        return home;
    }

    /**
     * Puts the realm where {@code --import-realm} finds it; an existing realm is kept (use --reset to re-import). The
     * dashboard's redirect URIs name the gateway's port, so a gateway on another port (tests, benchmarks) gets its own.
     */
    static void prepareRealm(Path home, Path realmFile, int gatewayPort) {
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            String realm = Files.readString(realmFile).replace(DASHBOARD_ORIGIN, "http://localhost:" + gatewayPort);
            Files.writeString(imports.resolve("openbanking-realm.json"), realm);
        } catch (IOException e) {
            throw new Stack.LaunchException("Could not prepare the realm: " + e.getMessage());
        }
    }

    /** The gateway origin the realm file names for the dashboard client (the default local port). */
    static final String DASHBOARD_ORIGIN = "http://localhost:8080";

    /**
     * The distribution the launcher's build copied next to it (launcher/target/keycloak), wherever the local Maven
     * repository is; {@code -Dob.keycloak.zip} names another.
     */
    static Path zip(LaunchConfig config) {
        String explicit = System.getProperty("ob.keycloak.zip");
        if (explicit != null) {
            return Path.of(explicit);
        }
        return config.root().resolve("launcher/target/keycloak/keycloak-quarkus-dist-" + VERSION + ".zip");
    }

    private static String buildProperty(String name) {
        try (InputStream in = Keycloak.class.getResourceAsStream("/launcher-build.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            String value = properties.getProperty(name);
            if (value == null || value.startsWith("${")) {
                throw new IllegalStateException("launcher-build.properties has no " + name + ": build the launcher with Maven");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("launcher-build.properties cannot be read", e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("Unsafe entry in the zip: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
