package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Checks how a registry is reached before anything is pushed: a CA certificate's syntax, and a
 * login (TLS, protocol, credentials) done exactly as a push does it, with the same explanations.
 */
public final class RegistryCheck {

    private RegistryCheck() {}

    /**
     * Checks that {@code pem} holds at least one PEM certificate.
     *
     * @throws InvalidInputException saying what a CA certificate should look like
     */
    public static void checkCaCertificate(String pem) throws InvalidInputException {
        try {
            RegistryTrust.keyStore(pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no usable key store", e);
        }
    }

    /**
     * Reaches {@code registry} ({@code host[:port]}) and logs in with {@code access}, without
     * touching any repository.
     *
     * @throws RegistryException with the cause and the fix if the registry cannot be reached or refuses the login
     */
    public static void login(String registry, RegistryAccess access) throws EngineException, IOException, InterruptedException {
        try (RegistryClient client = RegistryClient.open(registry, access, List.of(), PushListener.NONE, Retry.DEFAULT)) {
            client.checkLogin();
        }
    }
}
