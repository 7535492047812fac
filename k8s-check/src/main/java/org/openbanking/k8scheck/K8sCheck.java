package org.openbanking.k8scheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Manifests;
import org.openbanking.k8scheck.render.RenderException;
import org.openbanking.k8scheck.render.Renderer;
import org.openbanking.k8scheck.rules.ConfigRule;
import org.openbanking.k8scheck.rules.ImageRule;
import org.openbanking.k8scheck.rules.KeycloakVersionRule;
import org.openbanking.k8scheck.rules.NetworkRule;
import org.openbanking.k8scheck.rules.ProbeRule;
import org.openbanking.k8scheck.rules.RealmRule;
import org.openbanking.k8scheck.rules.ReferenceRule;
import org.openbanking.k8scheck.rules.ResourcesRule;
import org.openbanking.k8scheck.rules.Rule;
import org.openbanking.k8scheck.rules.SchemaRule;
import org.openbanking.k8scheck.rules.SecretsRule;
import org.openbanking.k8scheck.rules.SecurityRule;
import org.openbanking.k8scheck.rules.ShapeRule;
import org.openbanking.k8scheck.rules.ShutdownRule;
import org.openbanking.k8scheck.source.Repository;

/**
 * The check of k8s/: every overlay rendered by {@code kubectl kustomize} (what operators run; this check does not
 * re-implement it), then judged by every rule against the Kubernetes API schema and the services' code: what no tool
 * checks for us.
 */
public final class K8sCheck {

    private static final List<Rule> RULES = List.of(new SchemaRule(), new ReferenceRule(), new ProbeRule(),
            new ConfigRule(), new SecurityRule(), new ResourcesRule(), new NetworkRule(), new SecretsRule(),
            new ShapeRule(), new ImageRule(), new RealmRule(), new KeycloakVersionRule(), new ShutdownRule());

    private final Repository repository;
    private final Renderer renderer;

    public K8sCheck(Path repositoryRoot, Renderer renderer) {
        this.repository = new Repository(repositoryRoot);
        this.renderer = renderer;
    }

    /** The findings and what was checked. */
    public record Report(String renderer, List<String> overlays, List<Finding> findings) {

        public boolean passed() {
            return findings.isEmpty();
        }

        /** Findings of one rule. */
        public List<Finding> of(String rule) {
            return findings.stream().filter(f -> f.rule().equals(rule)).toList();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("k8s-check with " + renderer + " over " + overlays + ": ");
            text.append(findings.isEmpty() ? "no findings" : findings.size() + " finding(s)");
            findings.forEach(f -> text.append("\n  ").append(f));
            return text.toString();
        }
    }

    public Report run() {
        List<Finding> findings = new ArrayList<>();
        List<String> overlays = new ArrayList<>();
        for (Path dir : repository.overlays()) {
            String name = dir.getFileName().toString();
            overlays.add(name);
            List<Manifest> rendered;
            try {
                rendered = renderer.render(dir);
            } catch (RenderException e) {
                findings.add(new Finding(name, "render", "k8s/overlays/" + name, e.getMessage()));
                continue;
            }
            Overlay overlay = new Overlay(name, dir, new Manifests(rendered), repository, findings);
            for (Rule rule : RULES) {
                rule.check(overlay);
            }
        }
        if (overlays.isEmpty()) {
            findings.add(new Finding("-", "render", "k8s/overlays", "no overlay found"));
        }
        return new Report(renderer.name(), overlays, findings);
    }
}
