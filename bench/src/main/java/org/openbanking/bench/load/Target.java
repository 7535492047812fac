package org.openbanking.bench.load;

import java.util.Map;

/** One request to send: a path on a host:port, with its headers; {@code label} groups its latencies. */
public record Target(String label, String host, int port, String path, Map<String, String> headers) {

    public String url() {
        return "http://" + host + ":" + port + path;
    }
}
