package org.openbanking.consent.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.openbanking.common.ServiceRoles;
import org.openbanking.consent.service.ReceiptService;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The gateway records receipts here before it sends data. A 201 means the whole batch is committed. */
@Path("/internal/receipts")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Receipts (internal)")
public class ReceiptResource {

    public record Recorded(@JsonProperty("Data") Data data) {
    }

    public record Data(@JsonProperty("ReceiptId") List<String> receiptId) {
    }

    @Inject
    ReceiptService receipts;

    @POST
    @Operation(summary = "Record a batch of access receipts, all or nothing; receipts already stored are skipped")
    public Uni<RestResponse<Recorded>> record(ReceiptBatch batch) {
        return receipts.record(batch).map(stored -> RestResponse.status(RestResponse.Status.CREATED,
                new Recorded(new Data(stored.stream().map(r -> r.id.toString()).toList()))));
    }
}
