package org.openbanking.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Services.class)
public class TestResources {
}
