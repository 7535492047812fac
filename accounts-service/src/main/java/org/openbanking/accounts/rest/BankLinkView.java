package org.openbanking.accounts.rest;

import java.util.List;
import java.util.Map;

import org.openbanking.accounts.model.BankLink;
import org.openbanking.common.DateTimes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Bank links as the user sees them (contract: {@code /me/bank-links}); the code only once, when it is created. */
public final class BankLinkView {

    private BankLinkView() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(
            @JsonProperty("BankId") String bankId,
            @JsonProperty("Status") String status,
            @JsonProperty("CreationDateTime") String creationDateTime,
            @JsonProperty("LinkedDateTime") String linkedDateTime,
            @JsonProperty("ExpirationDateTime") String expirationDateTime,
            @JsonProperty("LinkCode") String linkCode) {

        static Link of(BankLink link, String code) {
            boolean pending = BankLink.PENDING.equals(link.status);
            return new Link(link.bankId, link.status, DateTimes.format(link.createdAt),
                    link.linkedAt == null ? null : DateTimes.format(link.linkedAt),
                    pending ? DateTimes.format(link.codeExpiresAt) : null, code);
        }
    }

    public record One(@JsonProperty("Data") Link data, @JsonProperty("Links") AccountView.Links links,
            @JsonProperty("Meta") Map<String, Object> meta) {
    }

    public record Many(@JsonProperty("Data") Data data, @JsonProperty("Links") AccountView.Links links,
            @JsonProperty("Meta") Map<String, Object> meta) {
    }

    public record Data(@JsonProperty("BankLink") List<Link> bankLink) {
    }

    /** What unlinking hid: the consents covering these accounts are revoked next. */
    public record Unlinked(@JsonProperty("Data") UnlinkedData data) {
    }

    public record UnlinkedData(@JsonProperty("AccountIds") List<String> accountIds) {
    }

    public record Request(@JsonProperty("BankId") String bankId) {
    }

    /** What a bank sends, and gets back. */
    public record Redeem(@JsonProperty("LinkCode") String linkCode) {
    }

    public record CustomerLink(@JsonProperty("CustomerRef") String customerRef, @JsonProperty("BankId") String bankId,
            @JsonProperty("LinkedDateTime") String linkedDateTime) {
    }
}
