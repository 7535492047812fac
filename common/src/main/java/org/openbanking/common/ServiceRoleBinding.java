package org.openbanking.common;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A service role counts only in a token issued to the service that holds it ({@link ServiceRoles#admits}): a role
 * mapped by mistake, or by an attacker, onto another client (say, an onboarded partner) grants nothing on the internal
 * APIs. Applies in every service, the gateway included.
 */
@ApplicationScoped
public class ServiceRoleBinding implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object azp = token.getClaim("azp");
        String client = azp == null ? null : azp.toString();
        Set<String> roles = identity.getRoles();
        Set<String> kept = roles.stream().filter(role -> ServiceRoles.admits(role, client)).collect(Collectors.toSet());
        if (kept.size() == roles.size()) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(kept);
        return Uni.createFrom().item(builder.build());
    }
}
