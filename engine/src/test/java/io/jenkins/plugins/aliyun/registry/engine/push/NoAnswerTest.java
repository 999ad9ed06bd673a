package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.push.HttpConnections.Request;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * A registry or proxy that does not answer, or whose name does not resolve: each is named for what
 * it is, and only what may pass is tried again. Nothing here asks DNS: the unknown names are ones
 * Java refuses before any lookup.
 */
class NoAnswerTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private static RegistryException reach(URI base, HttpProxy proxy) throws Exception {
        try (HttpConnections http = new HttpConnections(base, SSLContext.getDefault(), true, SHORT, SHORT, proxy)) {
            IOException e = assertThrows(IOException.class, () -> http.send(Request.of("GET", base.resolve("/v2/"))));
            return new Diagnosis(base.getAuthority(), RegistryKind.GENERIC, Optional.empty(), AccessHints.commandLine())
                    .of(e, "reach " + base.getAuthority());
        }
    }

    @Test
    void aRegistryThatNeverAnswersDidNotAnswerInTimeAndIsTriedAgain() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer::silence)) {
            RegistryException e = reach(URI.create("http://" + silent.host() + "/"), null);

            assertEquals(RegistryException.Problem.CONNECTION_FAILED, e.getProblem());
            assertTrue(e.isRetryable());
            assertEquals("reach " + silent.host() + ": " + silent.host() + " did not answer in time; check the network path to the registry"
                    + " (proxy, firewall, VPC endpoint reachable only inside its VPC)", e.getMessage());
        }
    }

    @Test
    void aProxyThatNeverAnswersTheConnectIsAProxyFailureNotTriedAgain() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer::silence)) {
            RegistryException e = reach(URI.create("https://registry.example.test/"), HttpProxy.of("127.0.0.1", silent.port()));

            assertEquals(RegistryException.Problem.PROXY_FAILURE, e.getProblem());
            assertFalse(e.isRetryable(), "a proxy silent for the whole read timeout is no HTTP proxy: no point in waiting again");
            assertTrue(e.getMessage().startsWith("reach registry.example.test: the proxy " + silent.host() + " did not answer the CONNECT within"
                    + " 1 s: check that this is an HTTP proxy's host and port; the proxy is set by HTTPS_PROXY/HTTP_PROXY"), e.getMessage());
        }
    }

    @Test
    void aProxyThatDoesNotAcceptTheConnectionIsAProxyFailureTriedAgain() throws Exception {
        // A listening socket whose queue of connections waiting to be accepted is full: further connections get no answer.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                fillAcceptQueue(full, queued);
                RegistryException e = reach(URI.create("https://registry.example.test/"), HttpProxy.of("127.0.0.1", full.getLocalPort()));

                assertEquals(RegistryException.Problem.PROXY_FAILURE, e.getProblem());
                assertTrue(e.isRetryable());
                assertTrue(e.getMessage().startsWith("reach registry.example.test: the proxy 127.0.0.1:" + full.getLocalPort() + " did not accept"
                        + " a connection within 1 s: check that it runs and that the network reaches it"), e.getMessage());
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    /** Connects to {@code server} (never accepting) until a connection is not accepted within 200 ms. */
    private static void fillAcceptQueue(ServerSocket server, List<Socket> queued) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(server.getLocalSocketAddress(), 200);
                queued.add(s);
            } catch (java.net.SocketTimeoutException full) {
                s.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled; the test cannot make a proxy that does not accept");
    }

    @Test
    void aProxyHostThatCannotBeResolvedIsAProxyFailureNotTriedAgain() throws Exception {
        // a bracketed name that is no IPv6 address: Java refuses it without a lookup
        RegistryException e = reach(URI.create("https://registry.example.test/"), HttpProxy.of("[proxy.corp]", 3128));

        assertEquals(RegistryException.Problem.PROXY_FAILURE, e.getProblem());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("reach registry.example.test: the proxy host [proxy.corp] cannot be resolved: check its name;"
                + " the proxy is set by HTTPS_PROXY/HTTP_PROXY"), e.getMessage());
    }

    @Test
    void aRegistryHostThatCannotBeResolvedIsNotTriedAgainAndPointsAtVpcDomains() throws Exception {
        String vpcHost = "crpi-v2gqz8jq7d3bxn9e-vpc.cn-hangzhou.personal.cr.aliyuncs.com";
        IOException unresolved;
        try (Socket s = new Socket()) {
            // an unresolved address: the socket throws what it throws for a name DNS does not know, without asking DNS
            unresolved = assertThrows(IOException.class, () -> s.connect(InetSocketAddress.createUnresolved(vpcHost, 443), 1000));
        }
        RegistryException e = new Diagnosis(vpcHost, RegistryKind.ACR_PERSONAL, false).of(unresolved, "reach " + vpcHost);

        assertEquals(RegistryException.Problem.CONNECTION_FAILED, e.getProblem());
        assertFalse(e.isRetryable(), "a name that does not resolve does not resolve a second later");
        assertEquals("reach " + vpcHost + ": cannot resolve " + vpcHost + ": check the name; an ACR *-vpc* domain resolves only inside its VPC",
                e.getMessage());
        RegistryException token = new Diagnosis(vpcHost, RegistryKind.ACR_PERSONAL, false).about("the token service auth.example.test")
                .of(new java.net.UnknownHostException("auth.example.test"), "log in to " + vpcHost);
        assertEquals("log in to " + vpcHost + ": cannot resolve auth.example.test (the token service auth.example.test): check the name;"
                + " an ACR *-vpc* domain resolves only inside its VPC", token.getMessage());
    }

    @Test
    void aConnectionTheSystemGaveUpOnTimedOutRatherThanWasRefused() {
        Diagnosis d = new Diagnosis("h.io", RegistryKind.GENERIC, false);
        RegistryException timedOut = d.of(new java.net.ConnectException("Connection timed out"), "reach h.io");
        RegistryException connectTimeout = d.of(new java.net.SocketTimeoutException("Connect timed out"), "reach h.io");

        assertEquals(RegistryException.Problem.CONNECTION_FAILED, timedOut.getProblem());
        assertTrue(timedOut.getMessage().contains("h.io did not answer in time"), timedOut.getMessage());
        assertTrue(connectTimeout.getMessage().contains("h.io did not answer in time"), connectTimeout.getMessage());
        assertTrue(connectTimeout.isRetryable());
    }

    @Test
    void aServerGivingNoTlsAnswerAtAllMayServePlainHttp() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer::silence)) {
            long start = System.nanoTime();
            RegistryException e = reach(URI.create("https://" + silent.host() + "/"), null);

            assertEquals(RegistryException.Problem.PLAIN_HTTP_REGISTRY, e.getProblem(), e.getMessage());
            assertTrue(e.getMessage().contains("did not answer the TLS handshake: it may serve plain HTTP"), e.getMessage());
            assertTrue(System.nanoTime() - start < HttpConnections.HANDSHAKE_TIMEOUT.plusSeconds(3).toNanos(), "the handshake limit, not the read timeout");
        }
    }
}
