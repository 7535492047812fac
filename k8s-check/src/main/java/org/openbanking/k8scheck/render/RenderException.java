package org.openbanking.k8scheck.render;

/** A kustomization that cannot be rendered, with the reason in words. */
public class RenderException extends RuntimeException {

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
