package io.quarkiverse.authgateway.runtime;

/**
 * The rule every caller name must pass, whichever scheme proved it (Basic user-id, a token's principal claim, an OIDC
 * provider's principal): not empty, and free of the characters {@link LogSafe#isLineBreakingOrInvisible} names. Such
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
        }
        return null;
    }
}
