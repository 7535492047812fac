package org.openbanking.k8scheck;

/** One mistake the check found: in which overlay, of which kind (the rule), where, and what. */
public record Finding(String overlay, String rule, String where, String message) {

    @Override
    public String toString() {
        return "[" + overlay + "] " + rule + ": " + where + ": " + message;
    }
}
