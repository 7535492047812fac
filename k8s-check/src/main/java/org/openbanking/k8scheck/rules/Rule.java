package org.openbanking.k8scheck.rules;

import org.openbanking.k8scheck.Overlay;

/** One kind of check over a rendered overlay; it reports what it finds to the overlay. */
public interface Rule {

    void check(Overlay overlay);
}
