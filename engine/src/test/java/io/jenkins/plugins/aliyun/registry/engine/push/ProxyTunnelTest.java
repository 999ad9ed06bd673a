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
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** What the client says when a proxy will not open a tunnel; the proxies here answer as the test scripts. */
class ProxyTunnelTest {

    private static final URI REGISTRY = URI.create("https://registry.example.test/");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A proxy that answers every CONNECT with {@code answer}. */
    private static ScriptedServer proxyAnswering(String answer) throws IOException {
        return new ScriptedServer(s -> {
            ScriptedServer.readHead(s.getInputStream());
            ScriptedServer.write(s, answer);
            ScriptedServer.silence(s);
        });
    }

    /** Reaching {@link #REGISTRY} through {@code proxy}, as the registry's Diagnosis tells it. */
    private static RegistryException reach(HttpProxy proxy) throws Exception {
        try (HttpConnections http = new HttpConnections(REGISTRY, SSLContext.getDefault(), true, TIMEOUT, TIMEOUT, proxy)) {
            IOException e = assertThrows(IOException.class, () -> http.send(Request.of("GET", REGISTRY.resolve("/v2/"))));
            return new Diagnosis("registry.example.test", RegistryKind.GENERIC, Optional.empty(), AccessHints.commandLine())
                    .of(e, "reach registry.example.test");
        }
    }

    @Test
    void aProxyOfferingOnlyLoginsOtherThanBasicSaysSoInsteadOfBlamingThePassword() throws Exception {
        try (ScriptedServer proxy = proxyAnswering("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\n"
                + "Proxy-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n")) {
            RegistryException e = reach(HttpProxy.of("127.0.0.1", proxy.port()).withCredentials(RegistryCredentials.of("ci", "Pr0xyPass")));

            assertEquals(RegistryException.Problem.PROXY_FAILURE, e.getProblem());
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().startsWith("reach registry.example.test: the proxy 127.0.0.1:" + proxy.port() + " asks for Negotiate or NTLM"
                    + " login (HTTP 407), which this client does not support: use a proxy account with Basic login, or exempt the registry"
                    + " from the proxy; the proxy is set by HTTPS_PROXY/HTTP_PROXY"), e.getMessage());
            assertTrue(e.getMessage().contains("NO_PROXY"), e.getMessage());
            assertFalse(e.getMessage().contains("password is wrong"), e.getMessage());
        }
    }

    @Test
    void aProxyOfferingBasicAmongOthersRejectedTheGivenLogin() throws Exception {
        try (ScriptedServer proxy = proxyAnswering("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM\r\n"
                + "Proxy-Authenticate: Basic realm=\"corp, eu\"\r\nContent-Length: 0\r\n\r\n")) {
            RegistryException e = reach(HttpProxy.of("127.0.0.1", proxy.port()).withCredentials(RegistryCredentials.of("ci", "Pr0xyPass")));

            assertTrue(e.getMessage().contains("asks for a login (HTTP 407): its username or password is wrong"), e.getMessage());
            assertFalse(e.getMessage().contains("Pr0xyPass"), e.getMessage());
        }
    }

    @Test
    void theLoginSchemesAreReadFromEveryChallengeHeader() {
        assertEquals(List.of("Negotiate", "NTLM"), ProxyTunnel.loginSchemes("HTTP/1.1 407 x\r\nProxy-Authenticate: Negotiate, NTLM\r\n\r\n"));
        assertEquals(List.of("Digest", "Basic"), ProxyTunnel.loginSchemes("HTTP/1.1 407 x\r\nproxy-authenticate: Digest realm=\"a, b\","
                + " qop=\"auth\", nonce=\"n\"\r\nVia: p\r\nProxy-Authenticate: Basic realm=x, charset=UTF-8\r\n\r\n"));
        assertEquals(List.of(), ProxyTunnel.loginSchemes("HTTP/1.1 407 x\r\nContent-Length: 0\r\n\r\n"));
    }
}
