package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.push.HttpConnections.Request;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryKind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers that are not HTTP, from a server scripted to send them: told as such, with no part of the login quoted. */
class BrokenAnswerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final RegistryCredentials LOGIN = login();

    private static RegistryCredentials login() {
        try {
            return RegistryCredentials.of("pusher", "pa$$ wörd:42");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends GET /v2/ with the login to {@code server} over plain HTTP. */
    private static IOException send(ScriptedServer server) throws Exception {
        URI base = URI.create("http://" + server.host() + "/");
        try (HttpConnections http = new HttpConnections(base, null, false, TIMEOUT, TIMEOUT, null)) {
            return assertThrows(IOException.class, () -> http.send(Request.of("GET", base.resolve("/v2/"))
                    .header("Authorization", "Basic " + LOGIN.auth())).close());
        }
    }

    private static Diagnosis diagnosis(ScriptedServer server) {
        return new Diagnosis(server.host(), RegistryKind.GENERIC, Optional.of(LOGIN), AccessHints.commandLine());
    }

    @Test
    void aLoginEchoedInAStatusLineAcrossWhereTheQuoteIsCutLeavesNoPartOfItInTheMessage() throws Exception {
        String auth = LOGIN.auth();
        try (ScriptedServer echo = new ScriptedServer(s -> {
            String head = ScriptedServer.readHead(s.getInputStream());
            String authorization = head.lines().filter(l -> l.startsWith("Authorization: ")).findFirst().orElse("");
            // the login starts 10 characters before the 200th of the line, where a quote is cut
            String prefix = "ECHO ";
            ScriptedServer.write(s, prefix + "x".repeat(190 - prefix.length() - "Authorization: Basic ".length()) + authorization
                    + " and the rest of the request\r\n\r\n");
            ScriptedServer.silence(s);
        })) {
            IOException failure = send(echo);
            RegistryException e = diagnosis(echo).of(failure, "reach " + echo.host());

            assertEquals(RegistryException.Problem.CONNECTION_FAILED, e.getProblem());
            assertTrue(e.getMessage().contains("not an HTTP answer: ECHO xxx"), e.getMessage());
            // nor in the stack trace a log shows, causes included
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            assertTrue(trace.toString().contains("not an HTTP answer: ECHO xxx"), trace.toString());
            assertTrue(trace.toString().contains("Authorization: Basic ****"), "the cause keeps the whole line, redacted: " + trace);
            for (int n = 4; n <= auth.length(); n++) {
                assertFalse(e.getMessage().contains(auth.substring(0, n)), "the first " + n + " characters of the login: " + e.getMessage());
                assertFalse(trace.toString().contains(auth.substring(0, n)), "the first " + n + " characters of the login: " + trace);
            }
        }
    }

    /** A server answering every request with {@code answer}, then noting in {@code closed} when the client closes the connection. */
    private static ScriptedServer answering(String answer, CountDownLatch closed) throws IOException {
        return new ScriptedServer(s -> {
            ScriptedServer.readHead(s.getInputStream());
            ScriptedServer.write(s, answer);
            ScriptedServer.silence(s);
            closed.countDown();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a status code that is no number | HTTP/1.1 2OO OK | Content-Length: 0   | not an HTTP answer: HTTP/1.1 2OO OK",
        "a Content-Length that is none   | HTTP/1.1 200 OK | Content-Length: 12x | not an HTTP answer: its Content-Length is 12x, not a number of bytes",
        "a negative Content-Length       | HTTP/1.1 200 OK | Content-Length: -5  | not an HTTP answer: its Content-Length is -5, not a number of bytes",
    })
    void anAnswerWithNumbersThatAreNoneIsNotHttpAndItsConnectionIsClosed(String what, String statusLine, String header, String message)
            throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ScriptedServer server = answering(statusLine + "\r\n" + header + "\r\n\r\n", closed)) {
            IOException failure = send(server);

            assertEquals(IOException.class, failure.getClass());
            assertEquals(message, failure.getMessage());
            assertTrue(closed.await(5, TimeUnit.SECONDS), "the client closed the connection rather than keeping it");
            RegistryException e = diagnosis(server).of(failure, "reach " + server.host());
            assertEquals(RegistryException.Problem.CONNECTION_FAILED, e.getProblem());
            assertTrue(e.getMessage().contains("(IOException: " + message + ")"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(strings = {"zz", "-5", "ffffffffffffffffff"})
    void aChunkSizeThatIsNoHexadecimalNumberIsNotHttpWhenTheBodyIsRead(String size) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ScriptedServer server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nabc\r\n0\r\n\r\n", closed)) {
            URI base = URI.create("http://" + server.host() + "/");
            try (HttpConnections http = new HttpConnections(base, null, false, TIMEOUT, TIMEOUT, null)) {
                HttpConnections.Response r = http.send(Request.of("GET", base.resolve("/v2/")));
                IOException failure = assertThrows(IOException.class, r::text);
                assertEquals("not an HTTP answer: a chunk size is " + size + ", not a hexadecimal number", failure.getMessage());
            }
            assertTrue(closed.await(2, TimeUnit.SECONDS), "the connection was closed at once, not after draining a broken body for the read timeout");
        }
    }
}
