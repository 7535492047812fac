package org.openbanking.k8scheck.model;

import java.util.Map;

/** One rendered Kubernetes object. */
public record Manifest(Map<String, Object> body) {

    public String apiVersion() {
        return Tree.string(body, "apiVersion");
    }

    public String kind() {
        return Tree.string(body, "kind");
    }

    public String name() {
        return Tree.string(body, "metadata", "name");
    }

    public String namespace() {
        return Tree.string(body, "metadata", "namespace");
    }

    public Map<String, String> labels() {
        return Tree.strings(body, "metadata", "labels");
    }

    public boolean is(String kind) {
        return kind.equals(kind());
    }

    /** How findings name it, e.g. {@code Deployment/gateway}. */
    public String ref() {
        return kind() + "/" + name();
    }

    /** The identity two renderings are compared by. */
    public String key() {
        return apiVersion() + " " + kind() + " " + (namespace() == null ? "" : namespace() + "/") + name();
    }

    @Override
    public String toString() {
        return ref();
    }
}
