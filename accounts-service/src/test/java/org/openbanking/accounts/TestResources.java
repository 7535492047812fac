package org.openbanking.accounts;

import org.openbanking.testing.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The test resources of every test of this module: real PostgreSQL and an OIDC server. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "accounts"))
@QuarkusTestResource(OidcWiremockTestResource.class)
public class TestResources {
}
