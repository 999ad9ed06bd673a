package io.jenkins.plugins.aliyun.registry.engine.auth;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A registry username and password. The password never appears in {@link #toString()} nor in any
 * message; {@link #auth()} gives the {@code base64(username:password)} form of {@code config.json}.
 */
public final class RegistryCredentials {

    private final String username;
    private final String password;

    private RegistryCredentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /**
     * Checks and wraps a username and password.
     *
     * @throws InvalidInputException if the username is empty or contains ':' (docker splits the
     *     {@code auth} field at the first ':'), or the password is empty
     */
    public static RegistryCredentials of(String username, String password) throws InvalidInputException {
        if (username == null || username.isEmpty()) {
            throw new InvalidInputException("registry username is empty: use the registry account name (for ACR the Alibaba Cloud account or RAM user name shown under Access Credentials)");
        }
        if (!username.equals(username.strip())) {
            throw new InvalidInputException("registry username has leading or trailing spaces: remove them (check that nothing else was pasted into the username field)");
        }
        if (username.indexOf(':') >= 0) {
            // Show only what precedes the ':': a username field holding "user:password" must not leak the password.
            throw new InvalidInputException("registry username \"" + username.substring(0, username.indexOf(':')) + ":…\" contains ':': docker splits the login at the first ':', so a username may not contain one; check that the username and password fields are not swapped or joined");
        }
        if (username.indexOf('\n') >= 0 || username.indexOf('\r') >= 0) {
            throw new InvalidInputException("registry username contains a line break: give the account name on one line");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("registry password for \"" + username + "\" is empty: give the registry password (for ACR the one set under Access Credentials, not the console login password)");
        }
        return new RegistryCredentials(username, password);
    }

    /** Wraps a username and password read from a trusted file (no checks beyond non-null). */
    static RegistryCredentials unchecked(String username, String password) {
        return new RegistryCredentials(Objects.requireNonNull(username), Objects.requireNonNull(password));
    }

    public String getUsername() {
        return username;
    }

    /** The password. Callers must not log it. */
    public String getPassword() {
        return password;
    }

    /** {@code base64(username:password)}: standard alphabet, padded, no line breaks. */
    public String auth() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The username only; the password is never shown. */
    @Override
    public String toString() {
        return username + ":****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryCredentials that && username.equals(that.username) && password.equals(that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }
}
