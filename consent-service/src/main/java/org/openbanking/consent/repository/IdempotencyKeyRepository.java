package org.openbanking.consent.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.consent.model.IdempotencyKey;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKey, String> {
}
