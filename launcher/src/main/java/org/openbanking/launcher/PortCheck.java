package org.openbanking.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks, before anything starts, that every port the stack will listen on is free: a clear message naming the port
 * and its setting, instead of a service that fails half-way through the start.
 */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(LaunchConfig config) {
        Map<String, Integer> ports = new HashMap<>(config.servicePorts());
        config.servicePorts().forEach((service, port) -> ports.put(service + " (management)",
                LaunchConfig.managementPort(port)));
        if (config.externalDbHost() == null) {
            ports.put("embedded PostgreSQL (OB_PG_PORT)", config.postgresPort());
        }
        if (!config.externalKeycloak()) {
            ports.put("Keycloak (OB_KEYCLOAK_PORT)", config.keycloakPort());
        }
        ports.forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                throw new Stack.LaunchException("Port " + port + " for " + what + " is already in use. Stop what uses it, or "
                        + "choose another port (see README: OB_*_PORT).");
            }
        });
    }
}
