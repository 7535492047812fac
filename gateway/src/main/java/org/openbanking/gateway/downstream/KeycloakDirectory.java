package org.openbanking.gateway.downstream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.openbanking.gateway.operator.PartnerDirectory;

/**
 * Partners and banks as clients of the realm, through Keycloak's Admin REST API with the gateway's own service account
 * (realm-management manage-clients only). Roles reach tokens through a hardcoded-role mapper on the client itself, so
 * the gateway needs no right over users.
 */
@ApplicationScoped
public class KeycloakDirectory implements PartnerDirectory {

    static final String PARTY = "ob.party";
    static final String CONTACT = "ob.contact";
    static final String IDEMPOTENCY_KEY = "ob.idempotency-key";
    static final String IDEMPOTENCY_FINGERPRINT = "ob.idempotency-fingerprint";
    static final String IDEMPOTENCY_AT = "ob.idempotency-at";

    @Inject
    Keycloak keycloak;
    @ConfigProperty(name = "quarkus.keycloak.admin-client.realm")
    String realm;

    @Override
    public String create(Client client, String role, Map<String, String> claims, Remembered key) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(client.clientId());
        rep.setName(client.name());
        rep.setEnabled(true);
        rep.setProtocol("openid-connect");
        rep.setPublicClient(false);
        rep.setServiceAccountsEnabled(true);
        rep.setStandardFlowEnabled(false);
        rep.setImplicitFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setClientAuthenticatorType("client-secret");
        rep.setRedirectUris(client.redirectUris());
        Map<String, String> attributes = new HashMap<>();
        attributes.put(PARTY, client.party());
        if (client.contact() != null) {
            attributes.put(CONTACT, client.contact());
        }
        if (key != null) {
            attributes.put(IDEMPOTENCY_KEY, key.keyId());
            attributes.put(IDEMPOTENCY_FINGERPRINT, key.fingerprint());
            attributes.put(IDEMPOTENCY_AT, key.createdAt().toString());
        }
        attributes.put("access.token.lifespan", "300");
        rep.setAttributes(attributes);
        List<ProtocolMapperRepresentation> mappers = new ArrayList<>();
        mappers.add(mapper("audience", "oidc-audience-mapper", Map.of("included.custom.audience", "open-banking-gateway",
                "access.token.claim", "true")));
        mappers.add(mapper("role " + role, "oidc-hardcoded-role-mapper", Map.of("role", role)));
        claims.forEach((name, value) -> mappers.add(mapper(name, "oidc-hardcoded-claim-mapper", Map.of("claim.name", name,
                "claim.value", value, "jsonType.label", "String", "access.token.claim", "true"))));
        rep.setProtocolMappers(mappers);
        try (Response response = clients().create(rep)) {
            if (response.getStatus() == 409) {
                throw new Exists();
            }
            if (response.getStatus() != 201) {
                throw new Unavailable("Keycloak answered " + response.getStatus(), null);
            }
        } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            throw new Unavailable("Keycloak cannot be reached", e);
        }
        return secret(client.clientId());
    }

    @Override
    public void delete(String clientId) {
        call(() -> {
            find(clientId).ifPresent(rep -> clients().get(rep.getId()).remove());
            return null;
        });
    }

    @Override
    public List<Client> list(String party) {
        return call(() -> clients().findAll().stream()
                .filter(c -> c.getAttributes() != null && party.equals(c.getAttributes().get(PARTY)))
                .map(KeycloakDirectory::toClient).toList());
    }

    @Override
    public Optional<CreatedWith> createdWith(String party, String keyId) {
        return call(() -> clients().findAll().stream()
                .filter(c -> c.getAttributes() != null && party.equals(c.getAttributes().get(PARTY))
                        && keyId.equals(c.getAttributes().get(IDEMPOTENCY_KEY)))
                .map(c -> new CreatedWith(toClient(c), new Remembered(keyId,
                        c.getAttributes().get(IDEMPOTENCY_FINGERPRINT), Instant.parse(c.getAttributes().get(IDEMPOTENCY_AT)))))
                .max(Comparator.comparing(created -> created.key().createdAt())));
    }

    @Override
    public String secret(String clientId) {
        return call(() -> resource(clientId).getSecret().getValue());
    }

    @Override
    public Optional<Client> get(String clientId) {
        return call(() -> find(clientId).filter(c -> c.getAttributes() != null && c.getAttributes().get(PARTY) != null)
                .map(KeycloakDirectory::toClient));
    }

    @Override
    public String rotateSecret(String clientId) {
        return call(() -> resource(clientId).generateNewSecret().getValue());
    }

    @Override
    public void setEnabled(String clientId, boolean enabled) {
        call(() -> {
            ClientResource resource = resource(clientId);
            ClientRepresentation rep = resource.toRepresentation();
            rep.setEnabled(enabled);
            resource.update(rep);
            return null;
        });
    }

    private ClientResource resource(String clientId) {
        return clients().get(find(clientId).orElseThrow(() -> new IllegalArgumentException("no client " + clientId)).getId());
    }

    private Optional<ClientRepresentation> find(String clientId) {
        return clients().findByClientId(clientId).stream().findFirst();
    }

    private ClientsResource clients() {
        return keycloak.realm(realm).clients();
    }

    private static Client toClient(ClientRepresentation c) {
        Map<String, String> attributes = c.getAttributes();
        return new Client(c.getClientId(), attributes.get(PARTY), c.getName(), attributes.get(CONTACT),
                c.getRedirectUris() == null ? List.of() : List.copyOf(c.getRedirectUris()), Boolean.TRUE.equals(c.isEnabled()));
    }

    private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        mapper.setConfig(new HashMap<>(config));
        return mapper;
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            throw new Unavailable("Keycloak cannot be reached", e);
        }
    }
}
