package io.quarkiverse.authgateway.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens files named in configuration (keys, htpasswd): a file system path, or a class path resource prefixed with
 * {@code classpath:}. The build registers such resources for native images.
 */
public final class ConfigFiles {

    private static final String CLASSPATH = "classpath:";

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
            InputStream stream = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (stream == null) {
                throw new NoSuchFileException(resource);
            }
            return stream;
        }
        return Files.newInputStream(Path.of(location));
    }
}
