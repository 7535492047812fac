package org.openbanking.consent.model;

/** Who caused a consent transition. */
public enum Actor {
    User, Partner, Operator, System
}
