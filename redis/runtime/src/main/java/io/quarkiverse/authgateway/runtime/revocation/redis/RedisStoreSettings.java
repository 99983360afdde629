package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the build decided for the Redis store: which Redis client it uses.
 *
 * @param clientName the named client ({@code quarkus.redis."<name>".*}), or empty for the default client
 */
public record RedisStoreSettings(Optional<String> clientName) {

    /**
     * @return whether that client has hosts (or a hosts provider) configured: what {@code store=auto} decides on
     */
    public boolean configured() {
        List<String> prefixes = clientName.map(name -> List.of("quarkus.redis." + name + ".",
                "quarkus.redis.\"" + name + "\".")).orElse(List.of("quarkus.redis."));
        Config config = ConfigProvider.getConfig();
        for (String prefix : prefixes) {
            if (config.getOptionalValue(prefix + "hosts", String.class).isPresent()
                    || config.getOptionalValue(prefix + "hosts-provider-name", String.class).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
