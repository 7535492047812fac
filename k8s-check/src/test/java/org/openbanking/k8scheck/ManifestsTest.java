package org.openbanking.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.k8scheck.render.KubectlRenderer;

/** The manifests in k8s/ pass the whole check, rendered by {@code kubectl kustomize}. Nothing here is ever skipped. */
class ManifestsTest {

    @Test
    void theManifestsPassTheCheck() {
        K8sCheck.Report report = new K8sCheck(RepositoryCopy.root(), KubectlRenderer.require()).run();
        System.out.println(report);
        assertEquals(List.of("dev", "prod"), report.overlays());
        assertTrue(report.passed(), report::toString);
    }
}
