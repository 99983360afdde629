package io.quarkiverse.authgateway.runtime.basic;

import java.nio.CharBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.HashingFunction;
import com.password4j.Password;

/**
 * Verifies passwords against hashes in the standard string formats: bcrypt ({@code $2a$}, {@code $2b$},
 * {@code $2y$}) and argon2 PHC strings through Password4j, PBKDF2 PHC strings ({@code $pbkdf2-sha256$} and
 * {@code $pbkdf2-sha512$}) through the JDK's PBKDF2 implementation. Every comparison is constant-time.
 */
final class PasswordHashes {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final Pattern ARGON2 = Pattern
            .compile("\\$argon2(id|i|d)\\$v=1[0-9]\\$m=[0-9]+,t=[0-9]+,p=[0-9]+\\$[A-Za-z0-9+/.]+\\$[A-Za-z0-9+/.]+");
    private static final Pattern PBKDF2 = Pattern
            .compile("\\$pbkdf2-(sha256|sha512)\\$(?:i=)?([0-9]+)(?:,l=[0-9]+)?\\$([A-Za-z0-9+/.]+)\\$([A-Za-z0-9+/.]+)");

    private PasswordHashes() {
    }

    /**
     * @param hash a stored hash
     * @return {@code true} when the hash is in a supported format
     */
    static boolean isSupported(String hash) {
        return BCRYPT.matcher(hash).matches() || ARGON2.matcher(hash).matches() || PBKDF2.matcher(hash).matches();
    }

    /**
     * Runs the full hash computation; call it on a worker thread.
     *
     * @param password the presented password
     * @param hash a hash for which {@link #isSupported} is {@code true}
     * @return {@code true} when the password matches
     */
    static boolean verify(char[] password, String hash) {
        CharBuffer plain = CharBuffer.wrap(password);
        // the hashing function is always derived from the stored hash, never from Password4j's global defaults
        if (hash.startsWith("$2")) {
            return Password.check(plain, hash).with(BcryptFunction.getInstanceFromHash(hash));
        }
        if (hash.startsWith("$argon2")) {
            return Password.check(plain, hash).with(Argon2Function.getInstanceFromHash(hash));
        }
        Matcher pbkdf2 = PBKDF2.matcher(hash);
        if (pbkdf2.matches()) {
            byte[] expected = phcBase64(pbkdf2.group(4));
            byte[] actual = pbkdf2(password, pbkdf2.group(1), Integer.parseInt(pbkdf2.group(2)), phcBase64(pbkdf2.group(3)),
                    expected.length);
            return MessageDigest.isEqual(expected, actual);
        }
        return false;
    }

    /**
     * Makes a hash of a random password with the same algorithm and cost as {@code template}, so that checking an
     * unknown user costs what checking a known one does.
     *
     * @param template a supported hash
     * @return a hash nobody knows the password of
     */
    static String decoyLike(String template) {
        char[] secret = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (char) ('!' + random.nextInt(94));
        }
        CharBuffer plain = CharBuffer.wrap(secret);
        if (template.startsWith("$2")) {
            return Password.hash(plain).with(BcryptFunction.getInstanceFromHash(template)).getResult();
        }
        if (template.startsWith("$argon2")) {
            HashingFunction argon2 = Argon2Function.getInstanceFromHash(template);
            return Password.hash(plain).addRandomSalt(16).with(argon2).getResult();
        }
        Matcher pbkdf2 = PBKDF2.matcher(template);
        if (!pbkdf2.matches()) {
            throw new IllegalArgumentException("Unsupported hash format");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        int iterations = Integer.parseInt(pbkdf2.group(2));
        byte[] derived = pbkdf2(secret, pbkdf2.group(1), iterations, salt, phcBase64(pbkdf2.group(4)).length);
        Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        return "$pbkdf2-" + pbkdf2.group(1) + "$i=" + iterations + "$" + encoder.encodeToString(salt) + "$"
                + encoder.encodeToString(derived);
    }

    private static byte[] pbkdf2(char[] password, String digest, int iterations, byte[] salt, int length) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            String algorithm = "sha512".equals(digest) ? "PBKDF2WithHmacSHA512" : "PBKDF2WithHmacSHA256";
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] phcBase64(String value) {
        // PHC strings use standard base64 without padding; passlib writes '.' where standard base64 has '+'
        return Base64.getDecoder().decode(value.replace('.', '+'));
    }

    static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
