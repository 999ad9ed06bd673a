package io.jenkins.plugins.aliyun.registry.engine.cli;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a password from standard input, as {@code docker login --password-stdin} does. */
final class PasswordInput {

    private PasswordInput() {}

    /** All of {@code in}, less one trailing newline ({@code \n} or {@code \r\n}). */
    static String read(InputStream in) throws InvalidInputException {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the password from standard input: pipe it in, e.g. printf '%s' \"$PASSWORD\" | aliyun-cr ... --password-stdin");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new InvalidInputException("no password on standard input: pipe it in, e.g. printf '%s' \"$PASSWORD\" | aliyun-cr ... --password-stdin");
        }
        return text;
    }
}
