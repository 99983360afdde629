package io.quarkiverse.authgateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key locations as smallrye-jwt users write them: {@code classpath:}, {@code file:}, and bare (class path first, then
 * the file system).
 */
class ConfigFilesTest {

    @TempDir
    Path dir;

    private static String read(String location) throws IOException {
        try (InputStream in = ConfigFiles.open(location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void aBareLocationIsLookedUpOnTheClassPathFirst() throws IOException {
        assertEquals("from the class path", read("config-files/key.txt"));
        assertEquals("from the class path", read("classpath:config-files/key.txt"));
    }

    @Test
    void aBareLocationThatIsNoResourceIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("on-disk.pem"), "from the file system");
        assertEquals("from the file system", read(file.toString()));
        assertEquals("from the file system", read("file:" + file));
    }

    @Test
    void whatIsNowhereSaysWhereItLooked() {
        NoSuchFileException bare = assertThrows(NoSuchFileException.class, () -> ConfigFiles.open("missing.pem"));
        assertTrue(bare.getMessage().contains("neither a class path resource nor a file"), bare.getMessage());
        NoSuchFileException resource = assertThrows(NoSuchFileException.class,
                () -> ConfigFiles.open("classpath:missing.pem"));
        assertTrue(resource.getMessage().contains("no such class path resource"), resource.getMessage());
        assertThrows(NoSuchFileException.class, () -> ConfigFiles.open("file:" + dir.resolve("missing.pem")));
    }

    @Test
    void onlyBareRelativeLocationsAreClassPathCandidates() {
        assertEquals("keys/a.pem", ConfigFiles.classPathResource("keys/a.pem"));
        assertEquals("keys/a.pem", ConfigFiles.classPathResource("classpath:keys/a.pem"));
        assertNull(ConfigFiles.classPathResource("/etc/keys/a.pem"));
        assertNull(ConfigFiles.classPathResource("file:keys/a.pem"));
        assertNull(ConfigFiles.classPathResource("../keys/a.pem"));
        assertNull(ConfigFiles.classPathResource("C:\\\\keys\\\\a.pem"));
    }
}
