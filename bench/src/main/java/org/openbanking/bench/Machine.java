package org.openbanking.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openbanking.bench.platform.Api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The machine the figures come from: CPUs, model, memory, OS, Java. */
final class Machine {

    private Machine() {
    }

    static ObjectNode describe() {
        ObjectNode m = Api.JSON.createObjectNode();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", field(Path.of("/proc/cpuinfo"), "model name", "unknown"));
        String mem = field(Path.of("/proc/meminfo"), "MemTotal", "0 kB").replaceAll("[^0-9]", "");
        m.put("memoryGiB", Long.parseLong(mem.isEmpty() ? "0" : mem) / 1024.0 / 1024.0);
        m.put("os", field(Path.of("/etc/os-release"), "PRETTY_NAME", System.getProperty("os.name")).replace("\"", "")
                + ", Linux " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.version"));
        return m;
    }

    private static String field(Path file, String name, String fallback) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(line.contains(":") && !line.contains("=") ? ':' : '=') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return fallback;
    }
}
