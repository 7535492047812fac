package org.openbanking.offers.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID_DATE;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Failures;
import org.openbanking.common.IdempotencyKeys;
import org.openbanking.common.Ids;
import org.openbanking.common.Text;
import org.openbanking.offers.model.Bank;
import org.openbanking.offers.model.Offer;
import org.openbanking.offers.model.OfferIdempotencyKey;
import org.openbanking.offers.repository.BankRepository;
import org.openbanking.offers.repository.OfferIdempotencyKeyRepository;
import org.openbanking.offers.repository.OfferRepository;
import org.openbanking.offers.repository.PlacementRepository;
import org.openbanking.offers.rest.OfferRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The offer lifecycle for banks: draft → published → withdrawn, expired by its end. A bank reaches only its own. */
@ApplicationScoped
public class OfferService {

    public static final int SUPPRESSION_THRESHOLD = 5;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_URL = 256;
    static final Set<String> PRODUCT_TYPES = Set.of("CreditCard", "PersonalLoan", "Savings", "Overdraft", "Mortgage");
    static final Set<String> ACCOUNT_TYPES = Set.of("CurrentAccount", "Savings", "CreditCard", "Loan", "Mortgage",
            "PrePaidCard",
            "ChargeCard", "EMoney");
    private static final Pattern RATE = Pattern.compile("\\d{1,3}(\\.\\d{1,3})?");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** Counts for a bank, or suppressed when fewer than 5 distinct users are behind them. */
    public record Stats(String offerId, long placements, long shown, long clicked, boolean suppressed) {
    }

    @Inject
    OfferRepository offers;
    @Inject
    BankRepository banks;
    @Inject
    PlacementRepository placements;
    @Inject
    Clock clock;
    @Inject
    OfferIdempotencyKeyRepository idempotencyKeys;
    @Inject
    ObjectMapper mapper;

    /**
     * A draft. With an idempotency key, the same key and body within 24 h return the offer the first request created
     * (as it is now); the same key with another body is a 400.
     */
    public Uni<Offer> create(String bankId, String idempotencyKey, OfferRequest request) {
        Ids.requireValid(bankId, "BankId");
        IdempotencyKeys.requireValid(idempotencyKey);
        apply(new Offer(), request, now()); // a 400 for a bad body before any key is looked up or stored
        String fingerprint = IdempotencyKeys.fingerprint(mapper, request);
        // Two first uses of one key race on its primary key: the loser retries and finds the winner's offer.
        return Panache.withTransaction(() -> createOnce(bankId, idempotencyKey, fingerprint, request))
                .onFailure(Failures::isUniqueViolation)
                .recoverWithUni(() -> Panache.withTransaction(() -> createOnce(bankId, idempotencyKey, fingerprint, request)));
    }

    private Uni<Offer> createOnce(String bankId, String key, String fingerprint, OfferRequest request) {
        Instant now = now();
        if (key == null) {
            return insert(bankId, request, now);
        }
        String id = IdempotencyKeys.idOf(bankId, key);
        return idempotencyKeys.findById(id).chain(existing -> {
            if (existing != null && existing.createdAt.isAfter(now.minus(IdempotencyKeys.WINDOW))) {
                if (!existing.requestHash.equals(fingerprint)) {
                    throw IdempotencyKeys.usedWithAnotherBody();
                }
                return offers.findById(existing.offerId);
            }
            return insert(bankId, request, now).call(offer -> {
                // A key older than the window is reused in place: the row keeps its identity.
                OfferIdempotencyKey entry = existing != null ? existing : new OfferIdempotencyKey();
                entry.id = id;
                entry.bankId = bankId;
                entry.idemKey = key;
                entry.requestHash = fingerprint;
                entry.offerId = offer.id;
                entry.createdAt = now;
                return existing != null ? Uni.createFrom().voidItem() : idempotencyKeys.persist(entry);
            });
        });
    }

    private Uni<Offer> insert(String bankId, OfferRequest request, Instant now) {
        Offer offer = new Offer();
        offer.id = "off-" + UUID.randomUUID();
        offer.bankId = bankId;
        offer.status = Offer.DRAFT;
        offer.createdAt = now;
        apply(offer, request, now);
        return offers.persist(offer);
    }

    @WithTransaction
    public Uni<Offer> update(String bankId, String offerId, OfferRequest request) {
        return own(bankId, offerId).map(offer -> {
            requireStatus(offer, Offer.DRAFT, "edited");
            apply(offer, request, now());
            return offer;
        });
    }

    @WithTransaction
    public Uni<Offer> publish(String bankId, String offerId) {
        return own(bankId, offerId).map(offer -> {
            requireStatus(offer, Offer.DRAFT, "published");
            offer.status = Offer.PUBLISHED;
            offer.updatedAt = now();
            return offer;
        });
    }

    @WithTransaction
    public Uni<Offer> withdraw(String bankId, String offerId) {
        return own(bankId, offerId).map(offer -> {
            String status = offer.statusAt(now());
            if (!Offer.DRAFT.equals(status) && !Offer.PUBLISHED.equals(status)) {
                throw ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS,
                        "The offer is " + status + " and cannot be withdrawn");
            }
            offer.status = Offer.WITHDRAWN;
            offer.updatedAt = now();
            return offer;
        });
    }

    @WithSession
    public Uni<List<Offer>> list(String bankId) {
        Ids.requireValid(bankId, "BankId");
        return offers.findByBank(bankId);
    }

    @WithSession
    public Uni<Offer> get(String bankId, String offerId) {
        return own(bankId, offerId);
    }

    @WithSession
    public Uni<Stats> stats(String bankId, String offerId) {
        return own(bankId, offerId).chain(offer -> placements.stats(offer.id)).map(c -> {
            boolean suppressed = c[3] < SUPPRESSION_THRESHOLD;
            return new Stats(offerId, c[0], c[1], c[2], suppressed);
        });
    }

    /** Registers or renames a bank (onboarding): the name partners see on placements. */
    @WithTransaction
    public Uni<Bank> registerBank(String bankId, String name) {
        Ids.requireValid(bankId, "BankId");
        if (name == null || name.isBlank() || name.length() > 255 || !Text.isPlain(name, false)) {
            throw ApiException.badRequest(FIELD_INVALID, "Name", "Name must be 1 to 255 printable characters");
        }
        return banks.findById(bankId).chain(existing -> {
            Bank bank = existing != null ? existing : new Bank();
            bank.id = bankId;
            bank.name = name;
            bank.updatedAt = now();
            return existing != null ? Uni.createFrom().item(bank) : banks.persist(bank);
        });
    }

    public String statusOf(Offer offer) {
        return offer.statusAt(now());
    }

    private Uni<Offer> own(String bankId, String offerId) {
        Ids.requireValid(bankId, "BankId");
        Ids.requireValid(offerId, "OfferId");
        return offers.findById(offerId).map(offer -> {
            // Another bank's offer is indistinguishable from one that does not exist.
            if (offer == null || !offer.bankId.equals(bankId)) {
                throw ApiException.notFound("No offer with this id");
            }
            return offer;
        });
    }

    private void requireStatus(Offer offer, String required, String verb) {
        String status = offer.statusAt(now());
        if (!required.equals(status)) {
            throw ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS, "The offer is " + status + " and cannot be " + verb);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Validates every field (all errors at once) and copies the request onto the offer. */
    static void apply(Offer offer, OfferRequest r, Instant now) {
        if (r == null) {
            throw ApiException.badRequest(FIELD_MISSING, null, "A body is required");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        text(r.title(), "Title", 120, true, errors);
        // OBIE's limits for what a partner receives (OBReadOffer1: Description 500, URL 256).
        text(r.description(), "Description", MAX_DESCRIPTION, true, errors);
        text(r.fees(), "Fees", 280, false, errors);
        // Set.of(...).contains(null) throws: a missing value is checked first.
        if (r.productType() == null || !PRODUCT_TYPES.contains(r.productType())) {
            errors.add(ErrorDetail.of(r.productType() == null ? FIELD_MISSING : FIELD_INVALID, "ProductType",
                    "ProductType must be one of " + new java.util.TreeSet<>(PRODUCT_TYPES)));
        }
        if (r.rate() == null || !RATE.matcher(r.rate()).matches()
                || new BigDecimal(r.rate()).compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Rate", "Rate must be a percentage from 0 to 100, e.g. \"12.9\""));
        }
        if (!isHttpsUrl(r.url())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Url", "Url must be an absolute https URL of at most " + MAX_URL
                    + " characters"));
        }
        Instant start = DateTimes.parse(r.startDateTime());
        Instant end = DateTimes.parse(r.endDateTime());
        if (start == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "StartDateTime",
                    "StartDateTime must be an ISO 8601 date-time with an offset"));
        }
        if (end == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "EndDateTime",
                    "EndDateTime must be an ISO 8601 date-time with an offset"));
        } else if (!end.isAfter(now)) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "EndDateTime", "EndDateTime must be in the future"));
        } else if (start != null && !start.isBefore(end)) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "StartDateTime", "StartDateTime must be before EndDateTime"));
        }
        BigDecimal minBalance = null;
        BigDecimal minIncome = null;
        String currency = null;
        String accountTypes = null;
        OfferRequest.Eligibility e = r.eligibility();
        if (e != null) {
            minBalance = amount(e.minAverageBalance(), "Eligibility.MinAverageBalance", errors);
            minIncome = amount(e.minMonthlyIncome(), "Eligibility.MinMonthlyIncome", errors);
            Set<String> currencies = new HashSet<>();
            if (e.minAverageBalance() != null && e.minAverageBalance().currency() != null) {
                currencies.add(e.minAverageBalance().currency());
            }
            if (e.minMonthlyIncome() != null && e.minMonthlyIncome().currency() != null) {
                currencies.add(e.minMonthlyIncome().currency());
            }
            if (currencies.size() > 1) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "Eligibility", "All amounts of the rules must be in one currency"));
            }
            currency = currencies.isEmpty() ? null : currencies.iterator().next();
            if (e.accountTypes() != null) {
                if (e.accountTypes().isEmpty() || e.accountTypes().contains(null)
                        || !ACCOUNT_TYPES.containsAll(e.accountTypes())
                        || new HashSet<>(e.accountTypes()).size() != e.accountTypes().size()) {
                    errors.add(ErrorDetail.of(FIELD_INVALID, "Eligibility.AccountTypes",
                            "AccountTypes must list distinct types from " + new java.util.TreeSet<>(ACCOUNT_TYPES)));
                } else {
                    accountTypes = String.join(",", e.accountTypes());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        offer.title = r.title();
        offer.description = r.description();
        offer.productType = r.productType();
        offer.rate = r.rate();
        offer.fees = r.fees() == null ? "" : r.fees();
        offer.url = r.url();
        offer.startTime = start;
        offer.endTime = end;
        offer.minAverageBalance = minBalance;
        offer.minMonthlyIncome = minIncome;
        offer.ruleCurrency = currency;
        offer.accountTypes = accountTypes;
        offer.updatedAt = now;
    }

    private static void text(String value, String path, int max, boolean required, List<ErrorDetail> errors) {
        if (value == null) {
            if (required) {
                errors.add(ErrorDetail.of(FIELD_MISSING, path, path + " is required"));
            }
            return;
        }
        if ((required && value.isBlank()) || value.codePointCount(0, value.length()) > max || !Text.isPlain(value, true)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path, path + " must be " + (required ? "1" : "0") + " to " + max
                    + " printable characters"));
        }
    }

    private static BigDecimal amount(OfferRequest.Money money, String path, List<ErrorDetail> errors) {
        if (money == null) {
            return null;
        }
        if (money.amount() == null || !AMOUNT.matcher(money.amount()).matches()) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Amount", "A non-negative amount with at most 2 decimals"));
        }
        if (money.currency() == null || !CURRENCY.matcher(money.currency()).matches()) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Currency", "An ISO 4217 currency code"));
        }
        return money.amount() != null && AMOUNT.matcher(money.amount()).matches() ? new BigDecimal(money.amount()) : null;
    }

    static boolean isHttpsUrl(String url) {
        if (url == null || url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
