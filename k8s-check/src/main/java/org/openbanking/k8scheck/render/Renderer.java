package org.openbanking.k8scheck.render;

import java.nio.file.Path;
import java.util.List;

import org.openbanking.k8scheck.model.Manifest;

/** Turns a kustomization directory into the objects {@code kubectl apply -k} would send. */
public interface Renderer {

    List<Manifest> render(Path kustomization);

    String name();
}
