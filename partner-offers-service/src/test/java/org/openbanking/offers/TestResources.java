package org.openbanking.offers;

import org.openbanking.testing.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Real PostgreSQL, an OIDC server, and a stand-in accounts-service whose facts each test sets. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "offers"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FactsMock.class)
public class TestResources {
}
