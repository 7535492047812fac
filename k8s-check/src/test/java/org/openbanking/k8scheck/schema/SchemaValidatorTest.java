package org.openbanking.k8scheck.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Yaml;

class SchemaValidatorTest {

    private final SchemaValidator validator = new SchemaValidator();

    @SuppressWarnings("unchecked")
    private List<String> validate(String yaml) {
        return validator.validate(new Manifest((Map<String, Object>) Yaml.load(yaml)));
    }

    @Test
    void aValidObjectHasNoErrors() {
        assertEquals(List.of(), validate("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, labels: {tier: "true"}}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: http}]
                """));
    }

    @Test
    void reportsUnknownFieldsWrongTypesMissingRequiredFieldsAndBadQuantities() {
        assertEquals(List.of(
                "metadata.labels.tier: expected a string, found boolean true",
                "spec.replicas: expected an integer, found the string \"two\"",
                "spec.template.spec.containers[0].livenessprobe: unknown field (V1Container has no 'livenessprobe'; did you mean 'livenessProbe'?)",
                "spec.template.spec.containers[0].resources.limits.memory: expected a quantity such as 256Mi or 500m, found the string \"12Q\"",
                "spec.template.spec.containers[0].name: required field missing (V1Container)",
                "spec.selector: required field missing (V1DeploymentSpec)"), validate("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, labels: {tier: true}}
                        spec:
                          replicas: two
                          template:
                            spec:
                              containers:
                                - image: web
                                  livenessprobe: {}
                                  resources: {limits: {memory: 12Q}}
                        """));
    }

    @Test
    void reportsKindsUnderTheWrongApiVersionAndBadNames() {
        assertEquals(List.of(
                "apiVersion apps/v1 kind Service: not a Kubernetes API type this check knows (wrong apiVersion, or a kind to add to SchemaValidator)"),
                validate("apiVersion: apps/v1\nkind: Service\nmetadata: {name: web}\n"));
        assertEquals(List.of("metadata.name: 'Web_1' is not a valid object name (lower-case RFC 1123 subdomain)"),
                validate("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Web_1}\n"));
    }
}
