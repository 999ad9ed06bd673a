package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** The error line of the command line: the engine's messages as they are, any other exception by its type only. */
class ErrorLineTest {

    private static final String SECRET = "token: Sup3r-S3cret";

    @Test
    void theEnginesOwnMessagesAreShownAsTheyAre() {
        assertEquals("registry is empty: give a host", Main.message(new InvalidInputException("registry is empty: give a host")));
        assertEquals("HTTP 401: check the login", Main.message(new EngineException("HTTP 401: check the login", new IOException(SECRET))));
    }

    @Test
    void anotherExceptionIsShownByItsTypeNeverItsText() {
        for (Exception e : new Exception[] {
            new IllegalStateException("while scanning\n  " + SECRET),
            new IllegalArgumentException(SECRET),
            new IOException(SECRET),
            new UncheckedIOException(new IOException(SECRET)),
            new RuntimeException(new IllegalStateException(SECRET)),
        }) {
            String line = Main.message(e);
            assertFalse(line.contains("Sup3r"), line);
            assertTrue(line.startsWith("unexpected "), line);
            assertTrue(line.contains("check the files and options given"), line);
            assertFalse(line.contains("\n"), line);
        }
        assertEquals("unexpected IllegalArgumentException (its text is not shown: it may quote a secret from the input):"
                + " check the files and options given, and report it if it persists", Main.message(new IllegalArgumentException(SECRET)));
    }

    @Test
    void aFileSystemErrorNamesItsFileAndTheSystemsReason() {
        assertEquals("cannot use /agent/config.json (AccessDeniedException): check that the path is right and that its permissions allow it",
                Main.message(new AccessDeniedException("/agent/config.json")));
        assertEquals("cannot use /a or /b (FileSystemException: No space left on device): check that the path is right and that its permissions allow it",
                Main.message(new UncheckedIOException(new FileSystemException("/a", "/b", "No space left on device"))));
    }
}
