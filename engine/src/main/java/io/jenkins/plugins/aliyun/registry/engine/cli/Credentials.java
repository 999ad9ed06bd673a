package io.jenkins.plugins.aliyun.registry.engine.cli;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import java.io.InputStream;

/** A username from an option and its password from standard input. */
final class Credentials {

    private Credentials() {}

    static RegistryCredentials fromStdin(String username, boolean passwordStdin, InputStream stdin) throws InvalidInputException {
        if (!passwordStdin) {
            throw new InvalidInputException("no password: pass it on standard input with --password-stdin (a password is never taken as an argument, where other users could see it)");
        }
        // Check the username before reading stdin, so a wrong call fails without waiting for input.
        RegistryCredentials.of(username, "x");
        return RegistryCredentials.of(username, PasswordInput.read(stdin));
    }
}
