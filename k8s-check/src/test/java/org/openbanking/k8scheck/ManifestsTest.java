package org.openbanking.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.k8scheck.render.JavaKustomize;
import org.openbanking.k8scheck.render.KubectlRenderer;
import org.openbanking.k8scheck.render.Renderers;

/**
 * The manifests in k8s/ pass the whole check: rendered by kubectl where it exists (and then also by the Java
 * renderer, which must agree), by the Java renderer otherwise. Nothing here is ever skipped.
 */
class ManifestsTest {

    @Test
    void theManifestsPassTheCheck() {
        K8sCheck.Report report = new K8sCheck(RepositoryCopy.root(), Renderers.preferred()).run();
        System.out.println(report);
        assertEquals(List.of("dev", "prod"), report.overlays());
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void theManifestsPassWithTheJavaRendererAsOnAMachineWithoutKubectl() {
        K8sCheck.Report report = new K8sCheck(RepositoryCopy.root(), new JavaKustomize()).run();
        assertTrue(report.passed(), report::toString);
        if (KubectlRenderer.onPath().isEmpty()) {
            System.out.println("kubectl is not on the PATH: k8s/ was rendered by the Java renderer, which matches "
                    + "kubectl's recorded output of the fixture (JavaKustomizeTest)");
        }
    }
}
