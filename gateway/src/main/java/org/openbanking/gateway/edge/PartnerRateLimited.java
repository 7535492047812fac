package org.openbanking.gateway.edge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks the partner API's resources: every call to them takes one token from the partner's bucket
 * ({@link PartnerRateLimitFilter}), so no route can forget the limit.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PartnerRateLimited {
}
