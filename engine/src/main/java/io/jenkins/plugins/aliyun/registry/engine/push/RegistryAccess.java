package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one registry: the credentials to log in with, a CA certificate to trust for this
 * registry only, and whether it may be reached without verified TLS. Immutable; {@link #toString()}
 * never shows the password.
 *
 * <pre>{@code
 * RegistryAccess access = RegistryAccess.anonymous()
 *     .withCredentials(RegistryCredentials.of("alice@example.com", password))
 *     .withCaCertificate(Files.readString(caPem));
 * }</pre>
 */
public final class RegistryAccess {

    private static final RegistryAccess ANONYMOUS = new RegistryAccess(null, null, false, null, AccessHints.commandLine());

    private final RegistryCredentials credentials;
    private final String caCertificatePem;
    private final boolean insecure;
    private final HttpProxy proxy;
    private final AccessHints hints;

    private RegistryAccess(RegistryCredentials credentials, String caCertificatePem, boolean insecure, HttpProxy proxy, AccessHints hints) {
        this.credentials = credentials;
        this.caCertificatePem = caCertificatePem;
        this.insecure = insecure;
        this.proxy = proxy;
        this.hints = hints;
    }

    /** No credentials, the JVM's default trust, HTTPS only. */
    public static RegistryAccess anonymous() {
        return ANONYMOUS;
    }

    /** Logs in with {@code credentials} ({@code null} for none). */
    public RegistryAccess withCredentials(RegistryCredentials newCredentials) {
        return new RegistryAccess(newCredentials, caCertificatePem, insecure, proxy, hints);
    }

    /**
     * Trusts the certificates in {@code pem} (one or more {@code -----BEGIN CERTIFICATE-----}
     * blocks) for this registry, besides the JVM's default trust; {@code null} for none. The
     * JVM-wide truststore is not touched.
     */
    public RegistryAccess withCaCertificate(String pem) {
        return new RegistryAccess(credentials, pem == null || pem.isBlank() ? null : pem, insecure, proxy, hints);
    }

    /**
     * Marks the registry insecure: its TLS certificate is not verified, and if it does not speak
     * TLS at all, plain HTTP is used, credentials included. Without this, plain HTTP is refused.
     */
    public RegistryAccess withInsecure(boolean newInsecure) {
        return new RegistryAccess(credentials, caCertificatePem, newInsecure, proxy, hints);
    }

    /** Reaches the registry through an HTTP proxy ({@code null} for a direct connection). */
    public RegistryAccess withProxy(HttpProxy newProxy) {
        return new RegistryAccess(credentials, caCertificatePem, insecure, newProxy, hints);
    }

    /**
     * How this registry's user sets its access, for the fixes that error messages name (default:
     * the {@code push} command's destination flags). Only wording: it takes no part in
     * {@link #equals(Object)}.
     */
    public RegistryAccess withHints(AccessHints newHints) {
        return new RegistryAccess(credentials, caCertificatePem, insecure, proxy, Objects.requireNonNull(newHints, "hints"));
    }

    public AccessHints getHints() {
        return hints;
    }

    public Optional<HttpProxy> getProxy() {
        return Optional.ofNullable(proxy);
    }

    public Optional<RegistryCredentials> getCredentials() {
        return Optional.ofNullable(credentials);
    }

    public Optional<String> getCaCertificatePem() {
        return Optional.ofNullable(caCertificatePem);
    }

    public boolean isInsecure() {
        return insecure;
    }

    /** The username, whether a CA is set and the insecure flag; never the password. */
    @Override
    public String toString() {
        return "RegistryAccess[user=" + (credentials == null ? "-" : credentials.getUsername())
                + ", ca=" + (caCertificatePem != null) + ", insecure=" + insecure + (proxy == null ? "" : ", proxy=" + proxy) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryAccess that && Objects.equals(credentials, that.credentials)
                && Objects.equals(caCertificatePem, that.caCertificatePem) && insecure == that.insecure
                && Objects.equals(proxy, that.proxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(credentials, caCertificatePem, insecure, proxy);
    }
}
