package org.openbanking.offers.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.offers.model.OfferIdempotencyKey;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OfferIdempotencyKeyRepository implements PanacheRepositoryBase<OfferIdempotencyKey, String> {
}
