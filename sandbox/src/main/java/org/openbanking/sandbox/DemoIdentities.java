package org.openbanking.sandbox;

/**
 * The dev realm's demo users, by the {@code sub} their tokens carry (fixed ids in the realm file, so that sandbox
 * data loaded before Keycloak starts belongs to them). Dev-only: the prod realm has none of them.
 */
public final class DemoIdentities {

    public static final String ALICE = "a11ce000-0000-4000-8000-000000000001";
    public static final String BOB = "b0b00000-0000-4000-8000-000000000002";

    private DemoIdentities() {
    }
}
