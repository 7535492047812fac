package org.openbanking.consent;

import org.openbanking.testing.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The test resources of every test of this module: real PostgreSQL, an OIDC server, a stand-in accounts-service. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(AccountsServiceMock.class)
public class TestResources {
}
