package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryException.Problem;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Registry answers → typed errors whose one line names the likely cause and the fix. */
class DiagnosisTest {

    private static final String DENIED = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}";

    private static RegistryException answer(RegistryKind kind, int status, String body, String authenticate) {
        return new Diagnosis("registry.cn-hangzhou.aliyuncs.com", kind, true).of(status, body, authenticate, null, "push manifest 1", "ns/app");
    }

    @Test
    void deniedOnTheAcrLegacyDomainPointsToTheCrpiDomain() {
        RegistryException e = answer(RegistryKind.ACR_LEGACY, 403, DENIED, null);
        assertEquals(Problem.DENIED, e.getProblem());
        assertTrue(e.getMessage().contains("crpi-<id>.<region>.personal.cr.aliyuncs.com"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unauthorizedWithCredentialsExplainsAccountNameAndRegistryPassword() {
        RegistryException e = answer(RegistryKind.ACR_PERSONAL, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}", "Basic realm=x");
        assertEquals(Problem.UNAUTHORIZED, e.getProblem());
        assertTrue(e.getMessage().contains("account name") && e.getMessage().contains("not the console login password"), e.getMessage());
    }

    @Test
    void insufficientScopeIsItsOwnProblem() {
        RegistryException e = answer(RegistryKind.ACR_ENTERPRISE, 401, "",
                "Bearer realm=\"https://auth/token\",service=\"registry\",scope=\"repository:ns/app:push\",error=\"insufficient_scope\"");
        assertEquals(Problem.INSUFFICIENT_SCOPE, e.getProblem());
        assertTrue(e.getMessage().contains("push permission"), e.getMessage());
    }

    @Test
    void nameUnknownSaysCreateTheRepositoryOrEnableAutoCreate() {
        RegistryException e = answer(RegistryKind.ACR_PERSONAL, 404,
                "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}", null);
        assertEquals(Problem.REPOSITORY_NOT_FOUND, e.getProblem());
        assertTrue(e.getMessage().contains("automatic repository creation"), e.getMessage());
    }

    @Test
    void immutableTagIsTagImmutable() {
        RegistryException e = answer(RegistryKind.GENERIC, 400,
                "{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"The image tag '1' already exists and cannot be overwritten because the repository is immutable.\"}]}", null);
        assertEquals(Problem.TAG_IMMUTABLE, e.getProblem());
        assertTrue(e.getMessage().contains("push a new tag"), e.getMessage());
    }

    @Test
    void tooManyRequestsIsRetryableAfterTheAskedDelay() {
        RegistryException e = new Diagnosis("h", RegistryKind.GENERIC, false).of(429, "", null, "3", "push", "a/b");
        assertEquals(Problem.TOO_MANY_REQUESTS, e.getProblem());
        assertTrue(e.isRetryable());
        assertEquals(Duration.ofSeconds(3), e.retryAfter());
    }

    @Test
    void certificateNamesThatCannotBeCheckedAreATlsFailureNotRetried() {
        Diagnosis d = new Diagnosis("127.0.0.1:5000", RegistryKind.GENERIC, true);
        RegistryException unreadable = d.of(new javax.net.ssl.SSLPeerUnverifiedException("the certificate's subjectAltName cannot be read: bad"),
                "reach 127.0.0.1:5000");
        assertEquals(Problem.TLS_FAILURE, unreadable.getProblem());
        assertFalse(unreadable.isRetryable());
        assertTrue(unreadable.getMessage().contains("reissue it"), unreadable.getMessage());
        RegistryException otherName = d.of(new javax.net.ssl.SSLPeerUnverifiedException(ServerIdentity.NOT_FOR_HOST + " 127.0.0.1 (it is issued for a.test)"),
                "reach 127.0.0.1:5000");
        assertEquals(Problem.TLS_FAILURE, otherName.getProblem());
        assertFalse(otherName.isRetryable());
        assertTrue(otherName.getMessage().contains("not issued for that name (it is issued for a.test)"), otherName.getMessage());
    }

    @Test
    void connectionRefusedIsRetryableAndSaysWhatToCheck() {
        RegistryException e = new Diagnosis("127.0.0.1:1", RegistryKind.GENERIC, false).of(new ConnectException("Connection refused"), "reach 127.0.0.1:1");
        assertEquals(Problem.CONNECTION_REFUSED, e.getProblem());
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("check the host and port"), e.getMessage());
    }

    @Test
    void challengeParsesQuotedParametersWithCommas() {
        Challenge c = Challenge.parse("Bearer realm=\"https://dockerauth.cn-hangzhou.aliyuncs.com/auth\",service=\"registry.aliyuncs.com:cn-hangzhou:26842\","
                + "scope=\"repository:ns/app:pull,push\"").orElseThrow();
        assertTrue(c.isBearer());
        assertEquals("https://dockerauth.cn-hangzhou.aliyuncs.com/auth", c.realm());
        assertEquals("repository:ns/app:pull,push", c.scope());
    }

    @Test
    void aManifestTheRegistryCannotVerifyDuringConcurrentPushesIsTriedAgain() {
        RegistryException e = answer(RegistryKind.GENERIC, 400,
                "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded content\"}]}", null);
        assertTrue(e.isRetryable(), "a manifest PUT is idempotent and its layers were in place");
        assertTrue(e.getMessage().contains("other pushes of the same layers"), e.getMessage());
    }

    @Test
    void aBlobTheRegistryRejectsIsNotTriedAgain() {
        RegistryException e = new Diagnosis("h.io", RegistryKind.GENERIC, true).of(400,
                "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded content\"}]}",
                null, null, "push blob 0123456789ab", "ns/app");
        assertFalse(e.isRetryable());
        assertEquals(Problem.INVALID_CONTENT, e.getProblem());
    }

    private static final String PASSWORD = "pa$$ wörd:42";
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwdXNoZXIifQ.c2lnbmF0dXJl";

    /** A Diagnosis for a client logged in as pusher that holds {@link #TOKEN}. */
    private static Diagnosis loggedIn() throws Exception {
        Diagnosis d = new Diagnosis("h.io", RegistryKind.GENERIC, Optional.of(RegistryCredentials.of("pusher", PASSWORD)), AccessHints.commandLine());
        d.secret(TOKEN);
        return d;
    }

    private static void assertNoSecret(String text) throws Exception {
        String auth = RegistryCredentials.of("pusher", PASSWORD).auth();
        for (String secret : List.of(PASSWORD, auth, TOKEN, java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8))) {
            assertFalse(text.contains(secret), text);
        }
        assertFalse(text.contains("eyJ"), text);
    }

    @Test
    void theLoginIsRedactedFromEveryQuotedAnswer() throws Exception {
        String auth = RegistryCredentials.of("pusher", PASSWORD).auth();
        String echo = "Authorization: Basic " + auth + " Bearer " + TOKEN + " password=" + PASSWORD + " form=pa%24%24+w%C3%B6rd%3A42";
        Diagnosis d = loggedIn();

        RegistryException text = d.of(502, echo, null, null, "push manifest 1", "ns/app");
        assertNoSecret(text.getMessage());
        assertTrue(text.getMessage().contains("\"Authorization: Basic **** Bearer **** password=**** form=****\""), text.getMessage());
        assertEquals(Problem.SERVER_ERROR, text.getProblem());

        String json = "{\"errors\":[{\"code\":\"UNAUTHORIZED " + TOKEN + "\",\"message\":\"" + echo.replace("\\", "\\\\") + "\"}]}";
        RegistryException quoted = d.of(401, json, null, null, "push manifest 1", "ns/app");
        assertNoSecret(quoted.getMessage());
        assertTrue(quoted.getMessage().contains("HTTP 401 UNAUTHORIZED **** \"Authorization: Basic ****"), quoted.getMessage());

        RegistryException failed = d.of(new IOException("not an HTTP answer: " + echo), "push manifest 1");
        assertNoSecret(failed.getMessage());
        assertTrue(failed.getMessage().contains("Basic ****"), failed.getMessage());
    }

    @Test
    void aTokenServiceAnswerIsQuotedOnlyFromItsRegistryErrorsNeverAsText() throws Exception {
        Diagnosis d = loggedIn();
        String echo = "GET /token HTTP/1.1\nAuthorization: Basic c29tZW9uZTplbHNl\nUser-Agent: aliyun-cr";

        RegistryException text = d.ofTokenService(500, echo, null, null, "log in (token service auth.h.io)", "ns/app");
        assertEquals("log in (token service auth.h.io) on h.io/ns/app: HTTP 500: the registry failed; try again later or ask its operator",
                text.getMessage());
        RegistryException details = d.ofTokenService(401, "{\"details\":\"" + echo.replace("\n", " ") + "\"}", null, null,
                "log in (token service auth.h.io)", "ns/app");
        assertFalse(details.getMessage().contains("c29tZW9uZTplbHNl"), details.getMessage());
        assertTrue(details.getMessage().startsWith("log in (token service auth.h.io) on h.io/ns/app: HTTP 401: the registry rejected"),
                details.getMessage());
        RegistryException errors = d.ofTokenService(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad password " + PASSWORD + "\"}]}",
                null, null, "log in (token service auth.h.io)", "ns/app");
        assertTrue(errors.getMessage().contains("HTTP 401 UNAUTHORIZED \"bad password ****\""), errors.getMessage());
    }

    @Test
    void aBodyThatIsNotAManifestIsShownByItsSizeAndPrintableStartWithTheLoginRedacted() throws Exception {
        String auth = RegistryCredentials.of("pusher", PASSWORD).auth();
        // raw, the auth runs across the 60th character, where the quote is cut
        byte[] body = ("\u0000\u0001" + "x".repeat(30) + " Authorization: Basic " + auth + " and more").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        RegistryException e = loggedIn().notAManifest("read manifest 1", "ns/app", body);

        assertEquals(Problem.UNEXPECTED_RESPONSE, e.getProblem());
        assertEquals("read manifest 1 on h.io/ns/app: HTTP 200 with " + body.length + " bytes that are not JSON and no Content-Type (\"??"
                + "x".repeat(30) + " Authorization: Basic **** a…\"): that is not a manifest; check that h.io is the registry's API address,"
                + " not a web server or a proxy's page", e.getMessage());
    }

    @Test
    void aRegistrysTextCannotSendTerminalEscapesOrForgeLines() {
        String body = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\\u001b[2J\\u2028[Pipeline] fake line\"}]}";
        RegistryException e = answer(RegistryKind.GENERIC, 403, body, null);
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertFalse(e.getMessage().contains("\u2028"), e.getMessage());
        assertTrue(e.getMessage().contains("no\\u001b[2J\\u2028[Pipeline] fake line"), e.getMessage());
    }

    @Test
    void fixesNameTheSettingsTheWayTheFrontEndSetsThem() {
        AccessHints form = new AccessHints("by ticking Insecure above", "in \"CA certificate (PEM)\" above", "by choosing Credentials above");
        Diagnosis d = new Diagnosis("h.io:5000", RegistryKind.GENERIC, Optional.empty(), form);
        String plain = d.plainHttp(null).getMessage();
        String ca = d.of(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"), "reach h.io:5000").getMessage();
        String login = d.of(401, "", "Basic realm=\"r\"", null, "push manifest 1", "a/b").getMessage();
        assertTrue(plain.contains("mark it insecure by ticking Insecure above"), plain);
        assertTrue(ca.contains("give the registry's CA certificate (PEM) in \"CA certificate (PEM)\" above"), ca);
        assertTrue(login.contains("log in by choosing Credentials above"), login);
        for (String m : new String[] {plain, ca, login}) {
            assertFalse(m.contains("--"), "no command-line option in a form's message: " + m);
        }
    }

    @Test
    void aTokenServiceAnsweringPlainHttpMustServeHttpsForMarkingTheRegistryInsecureDoesNotCoverIt() throws Exception {
        // a plain-HTTP server answers the TLS hello with an HTTP error, as nginx or Go's net/http do
        try (ScriptedServer plain = new ScriptedServer(s -> {
            s.getInputStream().read(new byte[4096]);
            ScriptedServer.write(s, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        })) {
            URI realm = URI.create("https://" + plain.host() + "/token");
            IOException failure;
            try (HttpConnections http = new HttpConnections(realm, javax.net.ssl.SSLContext.getDefault(), true, Duration.ofSeconds(5),
                    Duration.ofSeconds(5), null)) {
                failure = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                        () -> http.send(HttpConnections.Request.of("GET", realm)));
            }
            Diagnosis registry = new Diagnosis("h.io:5000", RegistryKind.GENERIC, Optional.empty(), AccessHints.commandLine());

            RegistryException e = registry.about("the token service " + plain.host()).of(failure, "log in to h.io:5000");

            assertEquals(Problem.PLAIN_HTTP_REGISTRY, e.getProblem());
            assertFalse(e.isRetryable());
            assertEquals("the token service " + plain.host() + " (for h.io:5000) answers plain HTTP, not HTTPS: that service must serve HTTPS"
                    + " (or be on the registry's own host)", e.getMessage());
            assertFalse(e.getMessage().contains("insecure"), e.getMessage());
            // the registry itself answering so is still told to be marked insecure if it really serves HTTP
            assertTrue(registry.of(failure, "reach h.io:5000").getMessage().contains("mark it insecure with --insecure"));
        }
    }

    @Test
    void aTokenServiceNotAnsweringTheTlsHandshakeIsNotToldToBeMarkedInsecure() {
        javax.net.ssl.SSLHandshakeException silent = new javax.net.ssl.SSLHandshakeException(HttpConnections.NO_TLS_ANSWER + " within 5 s");
        Diagnosis registry = new Diagnosis("h.io:5000", RegistryKind.GENERIC, false);

        RegistryException token = registry.about("the token service auth.h.io").of(silent, "log in to h.io:5000");
        RegistryException own = registry.of(silent, "reach h.io:5000");

        assertEquals(Problem.PLAIN_HTTP_REGISTRY, token.getProblem());
        assertEquals("log in to h.io:5000: the token service auth.h.io did not answer the TLS handshake: it may serve plain HTTP or"
                + " something else listens on that port; that service must serve HTTPS (or be on the registry's own host)", token.getMessage());
        assertTrue(own.getMessage().contains("then mark the registry insecure with --insecure"), own.getMessage());
    }
}
