package org.openbanking.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.openbanking.gateway.operator.PartnerDirectory;

/** Keycloak's stand-in in the gateway's own tests; the real one is exercised by the system tests. */
@Alternative
@Priority(1)
@ApplicationScoped
public class InMemoryDirectory implements PartnerDirectory {

    final Map<String, Client> clients = new ConcurrentHashMap<>();
    final Map<String, String> secrets = new ConcurrentHashMap<>();
    final Map<String, Remembered> keys = new ConcurrentHashMap<>();
    volatile boolean down;

    @Override
    public String create(Client client, String role, Map<String, String> claims, Remembered key) {
        check();
        if (clients.putIfAbsent(client.clientId(), client) != null) {
            throw new Exists();
        }
        if (key != null) {
            keys.put(client.clientId(), key);
        }
        String secret = UUID.randomUUID().toString();
        secrets.put(client.clientId(), secret);
        return secret;
    }

    @Override
    public void delete(String clientId) {
        check();
        clients.remove(clientId);
        secrets.remove(clientId);
        keys.remove(clientId);
    }

    @Override
    public Optional<CreatedWith> createdWith(String party, String keyId) {
        check();
        return keys.entrySet().stream().filter(e -> e.getValue().keyId().equals(keyId))
                .filter(e -> clients.containsKey(e.getKey()) && party.equals(clients.get(e.getKey()).party()))
                .map(e -> new CreatedWith(clients.get(e.getKey()), e.getValue()))
                .max(Comparator.comparing(created -> created.key().createdAt()));
    }

    @Override
    public String secret(String clientId) {
        check();
        return secrets.get(clientId);
    }

    @Override
    public List<Client> list(String party) {
        check();
        return new ArrayList<>(clients.values().stream().filter(c -> party.equals(c.party())).toList());
    }

    @Override
    public Optional<Client> get(String clientId) {
        check();
        return Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public String rotateSecret(String clientId) {
        check();
        String secret = UUID.randomUUID().toString();
        secrets.put(clientId, secret);
        return secret;
    }

    @Override
    public void setEnabled(String clientId, boolean enabled) {
        check();
        Client c = clients.get(clientId);
        clients.put(clientId, new Client(c.clientId(), c.party(), c.name(), c.contact(), c.redirectUris(), enabled));
    }

    /** Through methods, not fields: tests hold the bean's client proxy. */
    Map<String, Client> clients() {
        return clients;
    }

    Map<String, Remembered> keys() {
        return keys;
    }

    void down(boolean down) {
        this.down = down;
    }

    private void check() {
        if (down) {
            throw new Unavailable("down", null);
        }
    }
}
