package org.openbanking.gateway.dashboard;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What consent-service and accounts-service answer, as far as the dashboard reads it: parsed once into these records
 * (unknown fields ignored), then assembled into pages. An absent object or list reads as an empty one, so a page never
 * checks for null; an absent value stays null and the page chooses what to show instead.
 */
final class ServiceAnswers {

    private ServiceAnswers() {
    }

    /** One consent of the user ({@code GET /internal/users/{id}/consents/{consentId}}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConsentAnswer(@JsonProperty("Data") Consent data) {

        ConsentAnswer {
            data = data == null ? Consent.NONE : data;
        }
    }

    /** The user's consents. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConsentList(@JsonProperty("Data") Data data) {

        ConsentList {
            data = data == null ? new Data(null) : data;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Data(@JsonProperty("Consent") List<Consent> consent) {

            Data {
                consent = orEmpty(consent);
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Consent(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("Status") String status,
            @JsonProperty("StatusReason") List<StatusReason> statusReason,
            @JsonProperty("CreationDateTime") String creationDateTime,
            @JsonProperty("StatusUpdateDateTime") String statusUpdateDateTime,
            @JsonProperty("Permissions") List<String> permissions,
            @JsonProperty("ExpirationDateTime") String expirationDateTime,
            @JsonProperty("TransactionFromDateTime") String transactionFromDateTime,
            @JsonProperty("TransactionToDateTime") String transactionToDateTime,
            @JsonProperty("Purpose") Purpose purpose,
            @JsonProperty("ProhibitedUses") List<String> prohibitedUses,
            @JsonProperty("FrequencyPerDay") Integer frequencyPerDay,
            @JsonProperty("PartnerId") String partnerId,
            @JsonProperty("PartnerName") String partnerName,
            @JsonProperty("AccountIds") List<String> accountIds) {

        /** What an empty answer holds (a body of {}). */
        static final Consent NONE = new Consent(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);

        Consent {
            statusReason = orEmpty(statusReason);
            permissions = orEmpty(permissions);
            purpose = purpose == null ? new Purpose(null, null) : purpose;
            prohibitedUses = orEmpty(prohibitedUses);
            accountIds = orEmpty(accountIds);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Purpose(@JsonProperty("Code") String code, @JsonProperty("Description") String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StatusReason(@JsonProperty("StatusReasonDescription") String statusReasonDescription) {
    }

    /** A consent's history, oldest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record History(@JsonProperty("Data") Data data) {

        History {
            data = data == null ? new Data(null) : data;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Data(@JsonProperty("History") List<Entry> history) {

            Data {
                history = orEmpty(history);
            }
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Entry(
                @JsonProperty("From") String from,
                @JsonProperty("To") String to,
                @JsonProperty("Actor") String actor,
                @JsonProperty("Reason") String reason,
                @JsonProperty("DateTime") String dateTime) {
        }
    }

    /** How often each consent was used. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccessCounts(@JsonProperty("Data") Data data) {

        AccessCounts {
            data = data == null ? new Data(null) : data;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Data(@JsonProperty("AccessCount") List<Count> accessCount) {

            Data {
                accessCount = orEmpty(accessCount);
            }
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Count(
                @JsonProperty("ConsentId") String consentId,
                @JsonProperty("Accesses") Long accesses,
                @JsonProperty("LastAccessDateTime") String lastAccessDateTime) {
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BlockedPartners(@JsonProperty("Data") Data data) {

        BlockedPartners {
            data = data == null ? new Data(null) : data;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Data(@JsonProperty("BlockedPartner") List<Entry> blockedPartner) {

            Data {
                blockedPartner = orEmpty(blockedPartner);
            }
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Entry(
                @JsonProperty("PartnerId") String partnerId,
                @JsonProperty("PartnerName") String partnerName,
                @JsonProperty("BlockedDateTime") String blockedDateTime) {
        }
    }

    /** A page of access receipts, newest first; {@code Links.Next} holds the next page's token. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Receipts(@JsonProperty("Data") Data data, @JsonProperty("Links") Links links) {

        Receipts {
            data = data == null ? new Data(null) : data;
            links = links == null ? new Links(null) : links;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Data(@JsonProperty("Receipt") List<Receipt> receipt) {

            Data {
                receipt = orEmpty(receipt);
            }
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Receipt(
                @JsonProperty("ConsentId") String consentId,
                @JsonProperty("PartnerName") String partnerName,
                @JsonProperty("Resource") String resource,
                @JsonProperty("AccountIds") List<String> accountIds,
                @JsonProperty("RecordCount") Integer recordCount,
                @JsonProperty("Purpose") String purpose,
                @JsonProperty("DateTime") String dateTime) {

            Receipt {
                accountIds = orEmpty(accountIds);
            }
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Links(@JsonProperty("Next") String next) {
        }
    }

    /** The user's own accounts (accounts-service). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Accounts(@JsonProperty("Data") Data data) {

        Accounts {
            data = data == null ? new Data(null) : data;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Data(@JsonProperty("Account") List<Account> account) {

            Data {
                account = orEmpty(account);
            }
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Account(
                @JsonProperty("AccountId") String accountId,
                @JsonProperty("Currency") String currency,
                @JsonProperty("AccountType") String accountType,
                @JsonProperty("AccountSubType") String accountSubType,
                @JsonProperty("Nickname") String nickname,
                @JsonProperty("MaskedIdentification") String maskedIdentification) {
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
