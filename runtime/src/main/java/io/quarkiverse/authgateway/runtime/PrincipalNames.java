package io.quarkiverse.authgateway.runtime;

/**
 * The rule every caller name and every revocation identifier must pass, whichever way it came (Basic user-id, a
 * token's principal claim, an OIDC provider's principal, a {@code sid}, {@code jti} or admin id): not empty, free of
 * the characters {@link LogSafe#isLineBreakingOrInvisible} names, and without unpaired surrogates (which no UTF-8
 * store such as Redis can keep, so that a revocation would only hold where it was made). Such
 * a name would reach logs, audit trails and forwarded identity headers of the application, where it could forge or
 * hide a line; it is refused as a credential error instead.
 */
public final class PrincipalNames {

    private PrincipalNames() {
    }

    /**
     * @param name a caller name, possibly {@code null}
     * @return {@code null} when the name is acceptable, otherwise why not (constant text, for the server log)
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            if (LogSafe.isLineBreakingOrInvisible(name.charAt(i))) {
                return "contains a control, line-separator or bidirectional character";
            }
            if (LogSafe.isLoneSurrogate(name, i)) {
                return "contains an unpaired surrogate (not a Unicode character)";
            }
        }
        return null;
    }
}
