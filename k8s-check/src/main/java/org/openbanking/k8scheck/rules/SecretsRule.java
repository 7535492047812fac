package org.openbanking.k8scheck.rules;

import java.util.Map;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Manifest;

/**
 * No real secret is committed: outside the dev overlay (whose values are the demo realm's) every Secret value is the
 * placeholder {@value #PLACEHOLDER}, which operators replace from their secret store.
 */
public final class SecretsRule implements Rule {

    public static final String PLACEHOLDER = "CHANGE_ME";

    @Override
    public void check(Overlay overlay) {
        if (overlay.isDev()) {
            return;
        }
        for (Manifest secret : overlay.manifests().ofKind("Secret")) {
            Map<String, String> data = overlay.manifests().data("Secret", secret.name()).orElse(Map.of());
            data.forEach((key, value) -> {
                if (!value.equals(PLACEHOLDER)) {
                    overlay.report("secrets", secret.ref(), "key " + key + " holds a value; committed Secrets hold only "
                            + PLACEHOLDER + " outside the dev overlay");
                }
            });
        }
    }
}
