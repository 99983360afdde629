package io.quarkiverse.authgateway.deployment;

/**
 * The password hashes of the test users, shared by the deployment tests' applications.
 */
public final class TestPasswords {

    /** bcrypt (cost 4, to keep tests fast) of {@code alice-secret}. */
    public static final String ALICE_HASH = "$2b$04$6gAg/nnmFjU.C.kfrxuyTeV1w/dflXJOLargqoqovsbdy9zZquNd2";
    /** bcrypt ($2y$, cost 4) of {@code bob-secret}. */
    public static final String BOB_HASH = "$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu";

    private TestPasswords() {
    }
}
