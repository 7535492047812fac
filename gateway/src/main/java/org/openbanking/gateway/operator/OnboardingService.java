package org.openbanking.gateway.operator;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.RULES_RESOURCE_ALREADY_EXISTS;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.IdempotencyKeys;
import org.openbanking.common.Ids;
import org.openbanking.common.Text;
import org.openbanking.gateway.config.GatewayConfig;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.downstream.OffersClient;
import org.openbanking.gateway.downstream.Registration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Partners and banks join as OIDC clients. Each operation touches Keycloak and a service; it either completes or
 * leaves nothing half-done: a client whose registration failed is removed again, and suspension (which must never be
 * half-done in the user's disfavour) revokes the consents first and disables the client second, so a retry completes it.
 * Secrets are returned once (again only to a retry with the same idempotency key) and never stored or logged.
 */
@ApplicationScoped
public class OnboardingService {

    private static final Logger LOG = Logger.getLogger(OnboardingService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern BANK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,39}");
    private static final Duration HOP = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Onboarded(PartnerDirectory.Client client, String secret) {
    }

    @Inject
    PartnerDirectory directory;
    @Inject
    ConsentClient consents;
    @Inject
    OffersClient offers;
    @Inject
    GatewayConfig config;
    @Inject
    ObjectMapper mapper;

    /**
     * With an idempotency key, the same operator's retry with the same body within 24 h gets the first result again
     * (the same client and its current secret); the same key with another body is a 400.
     */
    public Onboarded onboardPartner(String name, String contact, List<String> redirectUris, String operator,
            String idempotencyKey) {
        IdempotencyKeys.requireValid(idempotencyKey);
        validatePartner(name, contact, redirectUris);
        PartnerDirectory.Remembered key = remember(operator, idempotencyKey, "partner", name, contact, redirectUris);
        Optional<Onboarded> replay = replay("partner", key);
        if (replay.isPresent()) {
            return replay.get();
        }
        List<PartnerDirectory.Client> existing = inDirectory(() -> directory.list("partner"));
        if (existing.stream().anyMatch(c -> name.trim().equalsIgnoreCase(c.name()))) {
            throw ApiException.conflict(RULES_RESOURCE_ALREADY_EXISTS, "A partner with this name already exists");
        }
        String id = slug(name) + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        PartnerDirectory.Client client = new PartnerDirectory.Client(id, "partner", name.trim(), contact,
                redirectUris == null ? List.of() : List.copyOf(redirectUris), true);
        String secret = create(client, "partner", Map.of("partner_name", client.name()), key);
        completeOrRemove(id,
                () -> registered(consents.write(api -> api.registerPartner(id, new Registration(client.name())))));
        return new Onboarded(client, secret);
    }

    public Onboarded onboardBank(String bankId, String name, String operator, String idempotencyKey) {
        IdempotencyKeys.requireValid(idempotencyKey);
        List<ErrorDetail> errors = new ArrayList<>();
        if (bankId == null || !BANK_ID.matcher(bankId).matches()) {
            errors.add(ErrorDetail.of(bankId == null ? FIELD_MISSING : FIELD_INVALID, "BankId",
                    "BankId must be 3 to 40 lowercase letters, digits and dashes"));
        }
        name(name, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        PartnerDirectory.Remembered key = remember(operator, idempotencyKey, "bank", bankId, name);
        Optional<Onboarded> replay = replay("bank", key);
        if (replay.isPresent()) {
            return replay.get();
        }
        PartnerDirectory.Client client = new PartnerDirectory.Client(bankId, "bank", name.trim(), null, List.of(), true);
        String secret = create(client, "bank", Map.of("bank_id", bankId), key);
        completeOrRemove(bankId,
                () -> registered(offers.write(api -> api.registerBank(bankId, new Registration(client.name())))));
        return new Onboarded(client, secret);
    }

    /** What the directory keeps of a key: a digest of (operator, key), so neither is stored in the clear. */
    private PartnerDirectory.Remembered remember(String operator, String key, Object... request) {
        if (key == null) {
            return null;
        }
        return new PartnerDirectory.Remembered(IdempotencyKeys.fingerprint(mapper, IdempotencyKeys.idOf(operator, key)),
                IdempotencyKeys.fingerprint(mapper, Arrays.asList(request)), Instant.now());
    }

    private Optional<Onboarded> replay(String party, PartnerDirectory.Remembered key) {
        if (key == null) {
            return Optional.empty();
        }
        return inDirectory(() -> directory.createdWith(party, key.keyId()))
                .filter(first -> first.key().createdAt().isAfter(key.createdAt().minus(IdempotencyKeys.WINDOW)))
                .map(first -> {
                    if (!first.key().fingerprint().equals(key.fingerprint())) {
                        throw IdempotencyKeys.usedWithAnotherBody();
                    }
                    String clientId = first.client().clientId();
                    return new Onboarded(first.client(), inDirectory(() -> directory.secret(clientId)));
                });
    }

    public List<PartnerDirectory.Client> partners() {
        return inDirectory(() -> directory.list("partner"));
    }

    public PartnerDirectory.Client partner(String partnerId) {
        if (!Ids.isValid(partnerId)) { // never a client id, and not to be sent on to Keycloak's admin API
            throw ApiException.notFound("No partner with this id");
        }
        return inDirectory(() -> directory.get(partnerId)).filter(c -> "partner".equals(c.party()))
                .orElseThrow(() -> ApiException.notFound("No partner with this id"));
    }

    public String rotateSecret(String partnerId) {
        partner(partnerId);
        return inDirectory(() -> directory.rotateSecret(partnerId));
    }

    /** Revokes every live consent of the partner first, then disables its client: a retry completes a failed half. */
    public PartnerDirectory.Client suspend(String partnerId) {
        PartnerDirectory.Client client = partner(partnerId);
        registered(consents.write(api -> api.partnerAction(partnerId, "suspend")));
        inDirectory(() -> {
            directory.setEnabled(partnerId, false);
            return null;
        });
        return new PartnerDirectory.Client(client.clientId(), client.party(), client.name(), client.contact(),
                client.redirectUris(), false);
    }

    /** Enables the client again; consents revoked by the suspension stay revoked. */
    public PartnerDirectory.Client reinstate(String partnerId) {
        PartnerDirectory.Client client = partner(partnerId);
        inDirectory(() -> {
            directory.setEnabled(partnerId, true);
            return null;
        });
        registered(consents.write(api -> api.partnerAction(partnerId, "reinstate")));
        return new PartnerDirectory.Client(client.clientId(), client.party(), client.name(), client.contact(),
                client.redirectUris(), true);
    }

    private String create(PartnerDirectory.Client client, String role, Map<String, String> claims,
            PartnerDirectory.Remembered key) {
        try {
            return inDirectory(() -> directory.create(client, role, claims, key));
        } catch (PartnerDirectory.Exists e) {
            throw ApiException.conflict(RULES_RESOURCE_ALREADY_EXISTS, "A client with this id already exists");
        }
    }

    /** Runs the step after the client was created; if it fails, the client is removed so nothing is left half-made. */
    private void completeOrRemove(String clientId, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException failure) {
            try {
                directory.delete(clientId);
            } catch (RuntimeException cleanup) {
                LOG.errorf("Onboarding of %s failed and its client could not be removed; remove it by hand", clientId);
            }
            throw ApiException.unavailable(5, "Onboarding could not be completed and was undone; retry later");
        }
    }

    /** Waits for a service's answer (the Keycloak admin client is blocking, so these calls run on a worker thread). */
    private static Void registered(Uni<Response> call) {
        Response response;
        try {
            response = call.await().atMost(HOP);
        } catch (ApiException unavailable) {
            throw ApiException.unavailable(5, "A service could not record the change; retry later");
        }
        int status = response.getStatus();
        response.close();
        if (status >= 300) {
            throw ApiException.unavailable(5, "A service could not record the change; retry later");
        }
        return null;
    }

    private static <T> T inDirectory(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (PartnerDirectory.Unavailable e) {
            throw ApiException.unavailable(5, "The identity provider is unavailable; nothing was changed. Retry later.");
        }
    }

    private void validatePartner(String name, String contact, List<String> redirectUris) {
        List<ErrorDetail> errors = new ArrayList<>();
        name(name, errors);
        if (contact == null || !EMAIL.matcher(contact).matches() || contact.length() > 254 || !Text.isPlain(contact, false)) {
            errors.add(ErrorDetail.of(contact == null ? FIELD_MISSING : FIELD_INVALID, "Contact",
                    "Contact must be an e-mail address"));
        }
        if (redirectUris != null) {
            if (redirectUris.size() > 10) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "RedirectUris", "At most 10 redirect URIs"));
            }
            for (int i = 0; i < redirectUris.size(); i++) {
                if (!allowedRedirect(redirectUris.get(i))) {
                    errors.add(ErrorDetail.of(FIELD_INVALID, "RedirectUris[" + i + "]",
                            "Redirect URIs must be absolute https URIs without wildcards or fragments"
                                    + (config.onboarding().allowLocalhostRedirects() ? " (or http://localhost)" : "")));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
    }

    private static void name(String name, List<ErrorDetail> errors) {
        if (name == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "Name", "Name is required"));
        } else if (name.isBlank() || name.length() > 100 || !Text.isPlain(name, false)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Name", "Name must be 1 to 100 printable characters"));
        }
    }

    boolean allowedRedirect(String uri) {
        if (uri == null || uri.length() > 2048 || uri.contains("*") || uri.contains("#")) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            if (parsed.getHost() == null || parsed.getUserInfo() != null) {
                return false;
            }
            if ("https".equals(parsed.getScheme())) {
                return true;
            }
            return config.onboarding().allowLocalhostRedirects() && "http".equals(parsed.getScheme())
                    && ("localhost".equals(parsed.getHost()) || "127.0.0.1".equals(parsed.getHost()));
        } catch (Exception e) {
            return false;
        }
    }

    static String slug(String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 30) {
            slug = slug.substring(0, 30).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "partner" : slug;
    }
}
