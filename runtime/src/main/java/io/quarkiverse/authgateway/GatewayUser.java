package io.quarkiverse.authgateway;

import java.util.Objects;
import java.util.Set;

/**
 * A user known to the Basic scheme: the name, a password hash in a standard format (bcrypt {@code $2a$}/{@code $2b$}/
 * {@code $2y$}, argon2id or PBKDF2 PHC strings) and the roles the resulting {@code SecurityIdentity} carries.
 *
 * @param username the user name, compared exactly
 * @param passwordHash the stored password hash; never a plain-text password
 * @param roles the roles granted to the user
 */
public record GatewayUser(String username, String passwordHash, Set<String> roles) {

    public GatewayUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
