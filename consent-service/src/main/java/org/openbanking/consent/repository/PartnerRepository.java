package org.openbanking.consent.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.consent.model.Partner;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, String> {
}
