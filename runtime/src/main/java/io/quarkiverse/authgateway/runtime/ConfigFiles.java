package io.quarkiverse.authgateway.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.jboss.logging.Logger;

/**
 * Opens files named in configuration (keys, htpasswd), as smallrye-jwt users expect of a key location: a class path
 * resource with {@code classpath:}, a file with {@code file:}, and a bare location ({@code publicKey.pem},
 * {@code keys/issuer.pem}) on the class path first, then on the file system. The build registers the class path
 * resources for native images.
 */
public final class ConfigFiles {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private ConfigFiles() {
    }

    /**
     * @param location a path, or {@code classpath:} and a resource name
     * @return the open stream; the caller closes it
     * @throws NoSuchFileException when nothing is found there
     */
    public static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            InputStream stream = resource(resource);
            if (stream == null) {
                throw new NoSuchFileException(resource, null, "no such class path resource");
            }
            return stream;
        }
        if (location.startsWith(FILE)) {
            return Files.newInputStream(Path.of(location.substring(FILE.length())));
        }
        InputStream stream = classPathCandidate(location) ? resource(location) : null;
        if (stream != null) {
            if (Files.exists(Path.of(location))) {
                // a key or user file left in the resources must not silently shadow the operator's file
                LOG.warnf("'%s' is both a class path resource and a file: the class path resource is used; write "
                        + "classpath:%s or file:%s to say which", LogSafe.value(location), LogSafe.value(location),
                        LogSafe.value(location));
            }
            return stream;
        }
        Path file = Path.of(location);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(location, null, "neither a class path resource nor a file");
        }
        return Files.newInputStream(file);
    }

    /**
     * @return the class path resource a configured location names, or {@code null} when it names none: a bare,
     *         relative location is looked up on the class path first
     */
    public static String classPathResource(String location) {
        if (location.startsWith(CLASSPATH)) {
            return location.substring(CLASSPATH.length());
        }
        return !location.startsWith(FILE) && classPathCandidate(location) ? location : null;
    }

    private static boolean classPathCandidate(String location) {
        return !location.isEmpty() && !location.startsWith("/") && !location.startsWith("./")
                && !location.startsWith("../") && location.indexOf(':') < 0 && location.indexOf('\\') < 0;
    }

    private static InputStream resource(String name) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    }
}
