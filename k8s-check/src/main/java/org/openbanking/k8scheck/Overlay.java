package org.openbanking.k8scheck;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openbanking.k8scheck.model.Environment;
import org.openbanking.k8scheck.model.Manifests;
import org.openbanking.k8scheck.model.Workload;
import org.openbanking.k8scheck.source.QuarkusService;
import org.openbanking.k8scheck.source.Repository;

/** One rendered overlay with what the rules need to judge it: the repository's sources and a place for findings. */
public final class Overlay {

    private final String name;
    private final Path dir;
    private final Manifests manifests;
    private final Repository repository;
    private final List<QuarkusService> services;
    private final List<Finding> findings;

    public Overlay(String name, Path dir, Manifests manifests, Repository repository, List<Finding> findings) {
        this.name = name;
        this.dir = dir;
        this.manifests = manifests;
        this.repository = repository;
        this.services = repository.services();
        this.findings = findings;
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    /** The dev overlay holds demo values; every other one is deployed for real. */
    public boolean isDev() {
        return name.equals("dev");
    }

    public Manifests manifests() {
        return manifests;
    }

    public Repository repository() {
        return repository;
    }

    public List<QuarkusService> services() {
        return services;
    }

    public Optional<QuarkusService> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The main container of a workload: the one named like it, else the first. */
    public Map<String, Object> mainContainer(Workload workload) {
        return workload.containers().stream().filter(c -> workload.name().equals(c.get("name"))).findFirst()
                .orElse(workload.containers().isEmpty() ? Map.of() : workload.containers().get(0));
    }

    public Environment environment(Workload workload) {
        return Environment.of(mainContainer(workload), manifests);
    }

    public void report(String rule, String where, String message) {
        findings.add(new Finding(name, rule, where, message));
    }
}
