package io.jenkins.plugins.aliyun.registry.engine.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.provider.Arguments;

/** The tables of invalid input: one row per case, and the one-line-message check they all share. */
public final class InvalidInput {

    private InvalidInput() {}

    /** A table row: what is tried, the call, and text the message must contain. */
    public static Arguments row(String what, Executable call, String expected) {
        return arguments(what, call, expected);
    }

    /**
     * Asserts that {@code call} throws {@link InvalidInputException} with a one-line message
     * containing {@code expected}, and returns the message for further checks.
     */
    public static String assertRefusedInOneLine(String what, Executable call, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call, what);
        String message = e.getMessage();
        assertTrue(message.contains(expected), () -> "expected \"" + expected + "\" in: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "not one line: " + message);
        return message;
    }

    /**
     * {@link #assertRefusedInOneLine}, and the message contains none of {@code secrets}; the failure
     * message shows the secret masked, so a test log does not hold it either.
     */
    public static String assertRefusedInOneLineWithout(String what, Executable call, String expected, String... secrets) {
        String message = assertRefusedInOneLine(what, call, expected);
        for (String secret : secrets) {
            assertFalse(message.contains(secret), () -> what + ": the message shows the secret: " + message.replace(secret, "****"));
        }
        return message;
    }
}
