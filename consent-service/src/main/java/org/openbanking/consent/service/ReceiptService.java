package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID_DATE;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Ids;
import org.openbanking.consent.config.ConsentConfig;
import org.openbanking.consent.model.AccessReceipt;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.Resource;
import org.openbanking.consent.repository.AccessReceiptRepository;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.rest.ReceiptBatch;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Access receipts: written by the gateway before it sends data, read by users. What a receipt says about the consent
 * (user, partner name, purpose, prohibited uses) is copied from the consent here, not taken from the caller.
 */
@ApplicationScoped
public class ReceiptService {

    public static final int MAX_BATCH = 1000;

    /** One page of the access log, and where the next starts (null on the last page). */
    public record Page(List<AccessReceipt> receipts, String nextPageToken) {
    }

    @Inject
    AccessReceiptRepository receipts;
    @Inject
    ConsentRepository consents;
    @Inject
    ConsentTransitions transitions;
    @Inject
    ConsentConfig config;

    /**
     * Stores a batch in one transaction: all of it, or nothing and a visible failure. A receipt whose id is already
     * stored is skipped, so that the gateway may retry a batch whose answer it did not get.
     */
    @WithTransaction
    public Uni<List<AccessReceipt>> record(ReceiptBatch batch) {
        List<ReceiptBatch.Entry> entries = batch == null ? null : batch.receipt();
        if (entries == null || entries.isEmpty()) {
            throw ApiException.badRequest(FIELD_MISSING, "Receipt", "Receipt must list at least one receipt");
        }
        if (entries.size() > MAX_BATCH) {
            throw ApiException.badRequest(FIELD_INVALID, "Receipt", "At most 1000 receipts per batch");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ids.add(validate(entries.get(i), "Receipt[" + i + "]", errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        Set<String> consentIds = entries.stream().map(ReceiptBatch.Entry::consentId).collect(Collectors.toSet());
        return consents.list("id in ?1", consentIds)
                .map(found -> found.stream().collect(Collectors.toMap(c -> c.id, Function.identity())))
                .chain(byId -> receipts.list("id in ?1", ids).map(stored -> {
                    Set<UUID> already = new HashSet<>();
                    stored.forEach(r -> already.add(r.id));
                    return toReceipts(entries, ids, byId, already);
                }))
                .call(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem() : receipts.persist(fresh));
    }

    private List<AccessReceipt> toReceipts(List<ReceiptBatch.Entry> entries, List<UUID> ids, Map<String, Consent> byId,
            Set<UUID> already) {
        Instant now = transitions.now();
        List<ErrorDetail> errors = new ArrayList<>();
        List<AccessReceipt> fresh = new ArrayList<>();
        Set<UUID> inBatch = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ReceiptBatch.Entry entry = entries.get(i);
            Consent consent = byId.get(entry.consentId());
            if (consent == null || !consent.partnerId.equals(entry.partnerId()) || consent.userId == null) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "Receipt[" + i + "].ConsentId",
                        "No authorised consent of this partner with this id"));
                continue;
            }
            UUID id = ids.get(i);
            if (already.contains(id) || !inBatch.add(id)) {
                continue;
            }
            AccessReceipt receipt = new AccessReceipt();
            receipt.id = id;
            receipt.consentId = consent.id;
            receipt.partnerId = consent.partnerId;
            receipt.partnerName = consent.partnerName;
            receipt.userId = consent.userId;
            receipt.resource = Resource.valueOf(entry.resource());
            receipt.accountIds = List.copyOf(entry.accountIds());
            receipt.recordCount = entry.recordCount();
            receipt.purposeCode = consent.purposeCode;
            receipt.prohibitedUses = consent.prohibitedUses;
            receipt.interactionId = entry.interactionId();
            receipt.userPresent = Boolean.TRUE.equals(entry.userPresent());
            receipt.occurredAt = now;
            fresh.add(receipt);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return fresh;
    }

    private static UUID validate(ReceiptBatch.Entry entry, String path, List<ErrorDetail> errors) {
        if (entry == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, path, "A receipt is required here"));
            return null;
        }
        UUID id = UUID.randomUUID();
        if (entry.receiptId() != null) {
            try {
                id = UUID.fromString(entry.receiptId());
            } catch (IllegalArgumentException e) {
                errors.add(ErrorDetail.of(FIELD_INVALID, path + ".ReceiptId", "ReceiptId must be a UUID"));
            }
        }
        if (entry.consentId() == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, path + ".ConsentId", "ConsentId is required"));
        }
        if (!Ids.isValid(entry.partnerId())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".PartnerId", "PartnerId is required and must be a valid id"));
        }
        Resource resource = entry.resource() == null ? null : Resource.parse(entry.resource()).orElse(null);
        if (resource == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Resource",
                    "Resource must be one of Accounts, Balances, Transactions, Offers"));
        }
        if (entry.accountIds() == null || entry.accountIds().size() > 100
                || !entry.accountIds().stream().allMatch(Ids::isValid)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".AccountIds", "AccountIds must list at most 100 valid ids"));
        } else if (entry.accountIds().isEmpty() && (resource == Resource.Balances || resource == Resource.Transactions)) {
            errors.add(ErrorDetail.of(FIELD_MISSING, path + ".AccountIds", "AccountIds must name the account read"));
        }
        if (entry.recordCount() == null || entry.recordCount() < 0) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".RecordCount", "RecordCount must be zero or more"));
        }
        if (entry.interactionId() == null || entry.interactionId().isBlank() || entry.interactionId().length() > 64) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".InteractionId", "InteractionId is required"));
        }
        return id;
    }

    @WithSession
    public Uni<Page> pageForUser(String userId, String consentId, String partnerId, String from, String to,
            String pageToken) {
        Ids.requireValid(userId, "UserId");
        List<ErrorDetail> errors = new ArrayList<>();
        Instant fromTime = optionalDate(from, "from", errors);
        Instant toTime = optionalDate(to, "to", errors);
        // Filters that are no ids match nothing; refused here, before one (e.g. with NUL) reaches a query.
        if (consentId != null && !Ids.isValid(consentId)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "consentId", "Not a consent id"));
        }
        if (partnerId != null && !Ids.isValid(partnerId)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "partnerId", "Not a partner id"));
        }
        AccessReceiptRepository.Cursor cursor = null;
        if (pageToken != null) {
            cursor = decode(pageToken);
            if (cursor == null) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "page-token", "Not a page token of this list"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        int size = config.accessLogPageSize();
        // One more than a page tells whether another page follows, without a count.
        return receipts.pageForUser(userId, consentId, partnerId, fromTime, toTime, cursor, size + 1).map(found -> {
            if (found.size() <= size) {
                return new Page(found, null);
            }
            List<AccessReceipt> page = found.subList(0, size);
            AccessReceipt last = page.get(size - 1);
            return new Page(page, encode(new AccessReceiptRepository.Cursor(last.occurredAt, last.id)));
        });
    }

    /** Per consent of the user: how many accesses were receipted, and the last one (the dashboard's counts). */
    @WithSession
    public Uni<List<AccessReceiptRepository.AccessCount>> countsForUser(String userId) {
        Ids.requireValid(userId, "UserId");
        return receipts.countsForUser(userId);
    }

    private static Instant optionalDate(String value, String path, List<ErrorDetail> errors) {
        if (value == null) {
            return null;
        }
        Instant parsed = DateTimes.parse(value);
        if (parsed == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, path, "Must be an ISO 8601 date-time with an offset"));
        }
        return parsed;
    }

    static String encode(AccessReceiptRepository.Cursor cursor) {
        String raw = cursor.occurredAt().toEpochMilli() + ":" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static AccessReceiptRepository.Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            Instant time = Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon)));
            // A forged token's time may lie beyond what the database can compare with: not a token of this list.
            if (DateTimes.parse(DateTimes.format(time)) == null) {
                return null;
            }
            return new AccessReceiptRepository.Cursor(time, UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
