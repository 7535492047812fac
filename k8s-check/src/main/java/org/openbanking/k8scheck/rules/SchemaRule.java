package org.openbanking.k8scheck.rules;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.schema.SchemaValidator;

/** Every object is valid against the Kubernetes API schema: known fields, right types, required fields present. */
public final class SchemaRule implements Rule {

    private final SchemaValidator validator = new SchemaValidator();

    @Override
    public void check(Overlay overlay) {
        for (Manifest manifest : overlay.manifests().all()) {
            for (String error : validator.validate(manifest)) {
                overlay.report("schema", manifest.ref(), error);
            }
        }
    }
}
