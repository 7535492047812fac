package org.openbanking.offers.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.offers.model.Bank;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class BankRepository implements PanacheRepositoryBase<Bank, String> {
}
