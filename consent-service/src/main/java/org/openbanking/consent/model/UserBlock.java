package org.openbanking.consent.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user's "never share with this partner". */
@Entity
@Table(name = "user_block")
@IdClass(UserBlock.Key.class)
public class UserBlock {

    @Id
    public String userId;
    @Id
    public String partnerId;
    public Instant createdAt;

    public static class Key implements Serializable {

        public String userId;
        public String partnerId;

        public Key() {
        }

        public Key(String userId, String partnerId) {
            this.userId = userId;
            this.partnerId = partnerId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(partnerId, k.partnerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, partnerId);
        }
    }
}
