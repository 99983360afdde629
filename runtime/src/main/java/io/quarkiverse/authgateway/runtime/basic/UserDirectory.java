package io.quarkiverse.authgateway.runtime.basic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.GatewayUser;
import io.quarkiverse.authgateway.GatewayUserStore;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.BasicRuntimeConfig;
import io.quarkiverse.authgateway.runtime.ConfigFiles;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;

/**
 * Every Basic user the gateway knows: those declared in configuration, those of the htpasswd file, then those of the
 * application's {@link GatewayUserStore} beans. Configuration and file are read and validated once at startup; a
 * plain-text password or an unknown hash format stops the application with the property to fix.
 */
@Startup
@Singleton
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final String USERS = "quarkus.auth-gateway.basic.users.";
    private static final String HTPASSWD = "quarkus.auth-gateway.basic.htpasswd-file";

    private final Map<String, GatewayUser> users;
    private final List<GatewayUserStore> stores;
    private final String decoyTemplate;

    public UserDirectory(AuthGatewayRuntimeConfig config, @Any Instance<GatewayUserStore> stores) {
        BasicRuntimeConfig.VerificationCache cache = config.basic().cache();
        if (cache.enabled() && cache.maxSize() < 1) {
            throw new ConfigurationException("quarkus.auth-gateway.basic.cache.max-size must be 1 or more, not "
                    + cache.maxSize() + " (quarkus.auth-gateway.basic.cache.enabled=false disables the cache)",
                    Set.of("quarkus.auth-gateway.basic.cache.max-size"));
        }
        Map<String, String> hashes = new HashMap<>();
        config.basic().htpasswdFile().ifPresent(location -> readHtpasswd(location, hashes));
        Map<String, GatewayUser> known = new HashMap<>();
        for (Map.Entry<String, BasicRuntimeConfig.User> entry : config.basic().users().entrySet()) {
            String name = entry.getKey();
            BasicRuntimeConfig.User user = entry.getValue();
            String property = USERS + "\"" + name + "\"";
            if (user.password().isPresent()) {
                throw new ConfigurationException("User '" + name + "' has a plain-text password: plain-text passwords "
                        + "are not accepted. Remove " + property + ".password and set " + property
                        + ".password-hash to a bcrypt, argon2id or PBKDF2 hash (for example the output of "
                        + "'htpasswd -nbBC 12 " + name + " <password>' after the colon)", Set.of(property + ".password"));
            }
            String hash = user.passwordHash().orElse(null);
            if (hash != null && hashes.containsKey(name)) {
                throw new ConfigurationException("User '" + name + "' has a password hash both in " + property
                        + ".password-hash and in the htpasswd file: keep one", Set.of(property + ".password-hash", HTPASSWD));
            }
            if (hash == null) {
                hash = hashes.remove(name);
            }
            if (hash == null) {
                throw new ConfigurationException("User '" + name + "' has no password hash: set " + property
                        + ".password-hash or add the user to the htpasswd file", Set.of(property + ".password-hash"));
            }
            requireSupported(name, hash, property + ".password-hash");
            known.put(name, new GatewayUser(name, hash, new HashSet<>(user.roles().orElse(List.of()))));
        }
        for (Map.Entry<String, String> entry : hashes.entrySet()) {
            known.put(entry.getKey(), new GatewayUser(entry.getKey(), entry.getValue(), Set.of()));
        }
        this.users = Map.copyOf(known);
        this.stores = stores.stream().toList();
        this.decoyTemplate = users.isEmpty() ? null : users.values().iterator().next().passwordHash();
        LOG.debugf("Basic users: %d from configuration and htpasswd, %d user store bean(s)", users.size(),
                this.stores.size());
    }

    /**
     * @param username the presented user name
     * @return the user, or a {@code null} item when nobody knows the name
     */
    public Uni<GatewayUser> find(String username) {
        GatewayUser user = users.get(username);
        if (user != null || stores.isEmpty()) {
            return Uni.createFrom().item(user);
        }
        // deferred: a store that throws instead of failing its Uni still ends in a failure, never an escaped exception
        GatewayUserStore first = stores.get(0);
        Uni<GatewayUser> lookup = Uni.createFrom().deferred(() -> first.findUser(username));
        for (int i = 1; i < stores.size(); i++) {
            GatewayUserStore next = stores.get(i);
            lookup = lookup.onItem().ifNull().switchTo(() -> next.findUser(username));
        }
        return lookup.onItem().ifNotNull().transform(found -> {
            if (PasswordHashes.isSupported(found.passwordHash())) {
                return found;
            }
            LOG.warnf("A GatewayUserStore returned user '%s' with a password hash in an unsupported format; the user "
                    + "cannot log in until the store returns a bcrypt, argon2 or PBKDF2 hash", LogSafe.value(username));
            return null;
        });
    }

    /**
     * @return a configured hash whose algorithm and cost a decoy for unknown users should copy, or {@code null}
     */
    String decoyTemplate() {
        return decoyTemplate;
    }

    private static void requireSupported(String name, String hash, String property) {
        if (!PasswordHashes.isSupported(hash)) {
            throw new ConfigurationException("The password hash of user '" + name + "' (" + property + ") is not in a "
                    + "supported format: use bcrypt ($2a$, $2b$, $2y$), argon2 ($argon2id$...) or PBKDF2 "
                    + "($pbkdf2-sha256$i=<iterations>$<salt>$<hash>). Plain-text passwords are not accepted",
                    Set.of(property));
        }
    }

    private static void readHtpasswd(String location, Map<String, String> hashes) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(ConfigFiles.open(location), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ConfigurationException("Line " + number + " of htpasswd file '" + location
                            + "' is not 'user:hash'", Set.of(HTPASSWD));
                }
                String name = line.substring(0, colon);
                String hash = line.substring(colon + 1);
                if (!hash.startsWith("$2") || !PasswordHashes.isSupported(hash)) {
                    throw new ConfigurationException("Line " + number + " of htpasswd file '" + location + "' (user '"
                            + name + "') is not a bcrypt hash; MD5 ($apr1$), SHA-1 ({SHA}), crypt and plain-text entries "
                            + "are refused: recreate it with 'htpasswd -B'", Set.of(HTPASSWD));
                }
                if (hashes.put(name, hash) != null) {
                    throw new ConfigurationException("User '" + name + "' appears twice in htpasswd file '" + location + "'",
                            Set.of(HTPASSWD));
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read htpasswd file '" + location + "': " + e.getMessage(),
                    Set.of(HTPASSWD));
        }
    }
}
