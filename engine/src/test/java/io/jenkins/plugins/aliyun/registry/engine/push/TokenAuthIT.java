package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.Skopeo;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import io.jenkins.plugins.aliyun.registry.engine.testing.TokenIssuer;
import io.jenkins.plugins.aliyun.registry.engine.testing.TokenIssuer.Served;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker token flow (as ACR, Docker Hub and Harbor use it) against the real docker-registry
 * configured with {@code auth: token}: the registry verifies the JWTs; only the issuer is the test's.
 */
class TokenAuthIT {

    static final String PUSHER_PASSWORD = "t0ken:pa$$ wörd";
    static final String READER_PASSWORD = "read-only-s3cret";

    static final TokenIssuer ISSUER = TokenIssuer.https()
            .user("pusher", PUSHER_PASSWORD, "team/", "pull", "push")
            .user("pusher", PUSHER_PASSWORD, "public/", "pull", "push")
            .user("reader", READER_PASSWORD, "team/", "pull")
            .anonymous("public/", "pull");

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.tls().withTokenAuth(ISSUER).withUser("pusher", PUSHER_PASSWORD);

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(2);
    static final AtomicReference<TokenIssuer> SHORT_LIVED = new AtomicReference<>();

    @TempDir
    static Path images;

    static Path layout;
    static Path archive;

    @BeforeAll
    static void buildImages() throws Exception {
        layout = images.resolve("layout");
        TestImages.ociImage(layout, "amd64", 3, 300_000, "amd64", 1);
        archive = TestImages.dockerArchive(layout, "amd64", images.resolve("image.tar"));
    }

    static RegistryAccess access(LocalRegistry registry, String user, String password) throws Exception {
        return RegistryAccess.anonymous()
                .withCredentials(RegistryCredentials.of(user, password))
                .withCaCertificate(registry.caCertificatePem());
    }

    static RegistryAccess pusher() throws Exception {
        return access(REGISTRY, "pusher", PUSHER_PASSWORD);
    }

    static ImageReference ref(LocalRegistry registry, String repoAndTag) throws Exception {
        return ImageReference.parse(registry.host() + "/" + repoAndTag);
    }

    static List<String> requestsSince(LocalRegistry registry, int from) {
        List<String> all = registry.requests();
        return all.subList(from, all.size());
    }

    @Test
    void dockerArchiveAndOciLayoutArePushedWithOneBearerTokenEachAndSkopeoSeesTheirDigests() throws Exception {
        Skopeo skopeo = Skopeo.create();
        for (String[] c : List.of(new String[] {"archive", "team/archive:1"}, new String[] {"oci", "team/oci:1"})) {
            int issued = ISSUER.served().size();
            ImageSource source = c[0].equals("archive") ? ImageSource.dockerArchive(archive) : ImageSource.ociLayout(layout, "amd64");

            PushResult result = ImagePush.from(source).to(ref(REGISTRY, c[1]), pusher()).push();

            List<Served> tokens = ISSUER.servedSince(issued);
            String repository = c[1].substring(0, c[1].indexOf(':'));
            assertEquals(1, tokens.size(), "one token for the whole push: " + tokens);
            assertEquals(new Served("pusher", true, List.of("repository:" + repository + ":pull,push"),
                    List.of("repository:" + repository + ":pull,push"), 200), tokens.get(0));
            assertEquals(result.digest(), skopeo.digest("docker://" + REGISTRY.host() + "/" + c[1], REGISTRY));
        }
        assertEquals(TestImages.digestOf(layout, "amd64"),
                skopeo.digest("docker://" + REGISTRY.host() + "/team/oci:1", REGISTRY), "an OCI layout keeps its digest");
    }

    @Test
    void copyToAnotherRepositoryMountsEveryBlobWithOneTokenCoveringBothRepositories() throws Exception {
        PushResult original = ImagePush.from(ImageSource.ociLayout(layout, "amd64")).to(ref(REGISTRY, "team/a:1"), pusher()).push();
        int before = REGISTRY.requests().size();
        int issued = ISSUER.served().size();

        PushResult copy = ImagePush.from(ImageSource.registry(ref(REGISTRY, "team/a:1"), pusher())).to(ref(REGISTRY, "team/b:1"), pusher()).push();

        assertEquals(original.digest(), copy.digest());
        List<Served> tokens = ISSUER.servedSince(issued);
        assertEquals(1, tokens.size(), tokens.toString());
        assertEquals(List.of("repository:team/b:pull,push", "repository:team/a:pull"), tokens.get(0).scopesAsked());
        assertEquals(tokens.get(0).scopesAsked(), tokens.get(0).scopesGranted());
        List<String> requests = requestsSince(REGISTRY, before);
        long mounts = requests.stream().filter(r -> r.startsWith("POST /v2/team/b/blobs/uploads/?mount=") && r.endsWith(" 201")).count();
        assertEquals(4, mounts, "config and 3 layers mounted: " + requests);
        assertFalse(requests.stream().anyMatch(r -> r.startsWith("PATCH ") || r.startsWith("PUT /v2/team/b/blobs/")),
                "a blob was uploaded instead of mounted: " + requests);
        assertFalse(requests.stream().anyMatch(r -> r.startsWith("GET /v2/team/a/blobs/")), "a blob was downloaded: " + requests);
        assertEquals(1, requests.stream().filter(r -> r.endsWith(" 401")).count(), "only the first GET /v2/ asks for a token: " + requests);
    }

    @Test
    void pullOnlyUserPushingIsInsufficientScopeWithoutThePassword() throws Exception {
        int issued = ISSUER.served().size();
        int before = REGISTRY.requests().size();
        RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                .to(ref(REGISTRY, "team/readonly:1"), access(REGISTRY, "reader", READER_PASSWORD)).push());

        assertEquals(RegistryException.Problem.INSUFFICIENT_SCOPE, e.getProblem(), e.getMessage());
        assertTrue(e.getMessage().contains("no push permission"), e.getMessage());
        assertFalse(e.getMessage().contains(READER_PASSWORD), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        List<Served> tokens = ISSUER.servedSince(issued);
        assertEquals(List.of(new Served("reader", true, List.of("repository:team/readonly:pull,push"), List.of("repository:team/readonly:pull"), 200)),
                tokens);
        assertTrue(requestsSince(REGISTRY, before).stream().anyMatch(r -> r.startsWith("POST /v2/team/readonly/blobs/uploads/") && r.endsWith(" 401")),
                "the registry itself refused the upload: " + requestsSince(REGISTRY, before));
    }

    @Test
    void wrongPasswordAtTheIssuerIsUnauthorizedWithTheRegistryPasswordHintAndWithoutThePassword() throws Exception {
        int issued = ISSUER.served().size();
        int before = REGISTRY.requests().size();
        RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                .to(ref(REGISTRY, "team/wrong:1"), access(REGISTRY, "pusher", "not-the-password")).push());

        assertEquals(RegistryException.Problem.UNAUTHORIZED, e.getProblem(), e.getMessage());
        assertTrue(e.getMessage().startsWith("log in (token service " + URI.create(ISSUER.realm()).getAuthority() + ") on "
                + REGISTRY.host() + "/team/wrong: HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("registry password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        assertEquals(List.of(new Served("pusher", true, List.of("repository:team/wrong:pull,push"), List.of(), 401)), ISSUER.servedSince(issued));
        assertEquals(List.of("GET /v2/ 401"), requestsSince(REGISTRY, before));
    }

    @Test
    void expiredTokenBetweenBlobsIsRenewedOnceAndThePushSucceeds() throws Exception {
        try (LocalRegistry registry = shortLivedTokens()) {
            AtomicBoolean paused = new AtomicBoolean();
            Listener listener = new Listener(p -> p.status() == LayerProgress.Status.PUSHED && paused.compareAndSet(false, true));

            PushResult result = ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(ref(registry, "team/slow:1"), access(registry, "pusher", PUSHER_PASSWORD))
                    .parallelism(1)
                    .listener(listener)
                    .push();

            assertRenewedWithoutRetry(registry, result, "team/slow:1", listener);
        }
    }

    @Test
    void tokenExpiringWhileAnUploadIsUnderWayIsRenewedAndTheSameRequestSentAgain() throws Exception {
        try (LocalRegistry registry = shortLivedTokens()) {
            AtomicBoolean paused = new AtomicBoolean();
            // a layer (about 150 KB once compressed: below the 256 KiB a Go server discards, so it keeps the connection);
            // the request's head is buffered with the old token while the body is being opened
            Listener listener = new Listener(p -> p.status() == LayerProgress.Status.UPLOADING && p.bytesTotal() > 100_000
                    && paused.compareAndSet(false, true));

            PushResult result = ImagePush.from(ImageSource.dockerArchive(archive))
                    .to(ref(registry, "team/slow:2"), access(registry, "pusher", PUSHER_PASSWORD))
                    .parallelism(1)
                    .listener(listener)
                    .push();

            assertRenewedWithoutRetry(registry, result, "team/slow:2", listener);
            assertTrue(registry.requests().stream().anyMatch(r -> r.startsWith("PATCH ") && r.endsWith(" 401")), registry.requests().toString());
        }
    }

    @Test
    void blobsRunningInParallelWhenTheTokenExpiresShareOneNewToken() throws Exception {
        try (LocalRegistry registry = shortLivedTokens()) {
            Set<String> paused = ConcurrentHashMap.newKeySet();
            // every blob waits before its first request, so four requests meet the expired token at once
            Listener listener = new Listener(p -> p.status() == LayerProgress.Status.CHECKING && paused.add(p.id()));

            PushResult result = ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(ref(registry, "team/slow:3"), access(registry, "pusher", PUSHER_PASSWORD))
                    .parallelism(4)
                    .listener(listener)
                    .push();

            assertEquals(4, paused.size());
            assertRenewedWithoutRetry(registry, result, "team/slow:3", listener);
        }
    }

    /** A registry whose tokens live 2 s; the pushes pause 3.5 s on some progress event. */
    private static LocalRegistry shortLivedTokens() throws Exception {
        TokenIssuer issuer = TokenIssuer.https().user("pusher", PUSHER_PASSWORD, "team/", "pull", "push").tokenLifetime(TOKEN_LIFETIME);
        SHORT_LIVED.set(issuer);
        return LocalRegistry.tls().withTokenAuth(issuer).withUser("pusher", PUSHER_PASSWORD).start();
    }

    private static void assertRenewedWithoutRetry(LocalRegistry registry, PushResult result, String image, Listener listener) throws Exception {
        List<Served> tokens = SHORT_LIVED.get().served();
        assertEquals(2, tokens.size(), "one token, then exactly one new token after expiry: " + tokens);
        String repository = "repository:" + image.substring(0, image.indexOf(':')) + ":pull,push";
        assertTrue(tokens.stream().allMatch(t -> t.status() == 200 && t.scopesAsked().equals(List.of(repository))), tokens.toString());
        List<String> requests = registry.requests();
        assertTrue(requests.stream().anyMatch(r -> !r.startsWith("GET /v2/ ") && r.endsWith(" 401")),
                "the registry refused the expired token: " + requests);
        assertFalse(listener.logs.stream().anyMatch(l -> l.startsWith("retrying")), "renewed without a retry: " + listener.logs);
        assertEquals(result.digest(), Skopeo.create().digest("docker://" + registry.host() + "/" + image, registry));
    }

    /** Records log lines; pauses longer than a token lives on the progress events {@code pauseOn} picks. */
    private static final class Listener implements PushListener {
        final List<String> logs = new CopyOnWriteArrayList<>();
        private final Predicate<LayerProgress> pauseOn;

        Listener(Predicate<LayerProgress> pauseOn) {
            this.pauseOn = pauseOn;
        }

        @Override
        public void log(String line) {
            logs.add(line);
        }

        @Override
        public void progress(LayerProgress p) {
            if (pauseOn.test(p)) {
                sleep(TOKEN_LIFETIME.plusMillis(1500));
            }
        }
    }

    @Test
    void anonymousSourceIsPulledWithATokenAskedForWithoutCredentials() throws Exception {
        PushResult original = ImagePush.from(ImageSource.ociLayout(layout, "amd64")).to(ref(REGISTRY, "public/base:1"), pusher()).push();
        int issued = ISSUER.served().size();
        try (LocalRegistry mirror = LocalRegistry.http().start()) {
            RegistryAccess anonymous = RegistryAccess.anonymous().withCaCertificate(REGISTRY.caCertificatePem());

            PushResult copy = ImagePush.from(ImageSource.registry(ref(REGISTRY, "public/base:1"), anonymous))
                    .to(ref(mirror, "mirror/base:1"), RegistryAccess.anonymous().withInsecure(true)).push();

            assertEquals(original.digest(), copy.digest());
            assertEquals(List.of(new Served(null, false, List.of("repository:public/base:pull"), List.of("repository:public/base:pull"), 200)),
                    ISSUER.servedSince(issued));
            assertEquals(original.digest(), Skopeo.create().digest("docker://" + mirror.host() + "/mirror/base:1", mirror));
        }
    }

    @Test
    void plainHttpTokenServiceGetsNoPasswordUnlessTheRegistryIsInsecure() throws Exception {
        TokenIssuer issuer = TokenIssuer.plainHttp().user("pusher", PUSHER_PASSWORD, "team/", "pull", "push");
        try (LocalRegistry registry = LocalRegistry.tls().withTokenAuth(issuer).start()) {
            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(ref(registry, "team/http-realm:1"), access(registry, "pusher", PUSHER_PASSWORD)).push());

            assertEquals(RegistryException.Problem.PLAIN_HTTP_REGISTRY, e.getProblem(), e.getMessage());
            assertTrue(e.getMessage().contains("token service") && e.getMessage().contains("--insecure"), e.getMessage());
            assertFalse(e.getMessage().contains(PUSHER_PASSWORD), e.getMessage());
            assertEquals(List.of(), issuer.served(), "nothing was sent to the plain-HTTP token service");

            PushResult insecure = ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(ref(registry, "team/http-realm:1"), access(registry, "pusher", PUSHER_PASSWORD).withInsecure(true)).push();
            assertEquals(TestImages.digestOf(layout, "amd64"), insecure.digest());
            assertTrue(issuer.served().stream().allMatch(s -> s.credentialsSent() && s.status() == 200), issuer.served().toString());
        }
    }

    /** A push of the OCI layout as pusher to {@code registry}, quickly retried, its log lines kept in {@code logs}. */
    private static RegistryException failedPush(LocalRegistry registry, String image, List<String> logs) {
        return assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                .to(ref(registry, image), access(registry, "pusher", PUSHER_PASSWORD))
                .retry(new Retry(5, Duration.ofMillis(20), Duration.ofMillis(100)))
                .listener(new PushListener() {
                    @Override
                    public void log(String line) {
                        logs.add(line);
                    }
                })
                .push());
    }

    /** Neither the password nor the Basic {@code auth} (base64 of user:password) is in any of {@code texts}. */
    private static void assertNoLogin(List<String> texts) throws Exception {
        String auth = RegistryCredentials.of("pusher", PUSHER_PASSWORD).auth();
        for (String text : texts) {
            assertFalse(text.contains(PUSHER_PASSWORD), text);
            assertFalse(text.contains(auth), text);
        }
    }

    @Test
    void aTokenServiceEchoingTheRequestAsTextGetsNoLoginIntoTheErrorOrTheRetryLog() throws Exception {
        TokenIssuer echo = TokenIssuer.https().answering(503, "text/plain", request -> "upstream unavailable; you sent:\n" + request);
        try (LocalRegistry registry = LocalRegistry.tls().withTokenAuth(echo).start()) {
            List<String> logs = new CopyOnWriteArrayList<>();

            RegistryException e = failedPush(registry, "team/echo:1", logs);

            assertEquals(RegistryException.Problem.SERVER_ERROR, e.getProblem(), e.getMessage());
            assertEquals("log in (token service " + URI.create(echo.realm()).getAuthority() + ") on " + registry.host() + "/team/echo: HTTP 503:"
                    + " the registry failed; try again later or ask its operator", e.getMessage());
            assertEquals(4, logs.stream().filter(l -> l.startsWith("retrying log in to " + registry.host())).count(), logs.toString());
            assertEquals(5, echo.served().size());
            assertTrue(echo.served().stream().allMatch(Served::credentialsSent), "each echo had the login to leak: " + echo.served());
            List<String> texts = new ArrayList<>(logs);
            texts.add(e.getMessage());
            assertNoLogin(texts);
            assertFalse(texts.stream().anyMatch(t -> t.contains("Authorization") || t.contains("you sent")), texts.toString());
        }
    }

    @Test
    void aTokenServiceEchoingTheRequestInItsRegistryErrorIsQuotedWithTheLoginRedacted() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        TokenIssuer echo = TokenIssuer.https().answering(401, "application/json", request -> {
            try {
                return json.writeValueAsString(java.util.Map.of("errors", List.of(java.util.Map.of("code", "UNAUTHORIZED", "message", request))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
        });
        try (LocalRegistry registry = LocalRegistry.tls().withTokenAuth(echo).start()) {
            List<String> logs = new CopyOnWriteArrayList<>();

            RegistryException e = failedPush(registry, "team/echo:2", logs);

            assertEquals(RegistryException.Problem.UNAUTHORIZED, e.getProblem(), e.getMessage());
            assertTrue(e.getMessage().startsWith("log in (token service " + URI.create(echo.realm()).getAuthority() + ") on " + registry.host()
                    + "/team/echo: HTTP 401 UNAUTHORIZED \"Authorization: Basic " + Diagnosis.REDACTED + " GET /token?"), e.getMessage());
            assertTrue(e.getMessage().contains("the registry rejected the username or password"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertEquals(1, echo.served().size());
            assertTrue(echo.served().get(0).credentialsSent());
            List<String> texts = new ArrayList<>(logs);
            texts.add(e.getMessage());
            assertNoLogin(texts);
        }
    }

    @Test
    void aTokenServiceAnsweringAPageInsteadOfJsonIsAnUnexpectedResponseNamingItsHost() throws Exception {
        TokenIssuer page = TokenIssuer.https().answering(200, "text/html", request -> "<html><body>Sign in to continue</body></html>");
        try (LocalRegistry registry = LocalRegistry.tls().withTokenAuth(page).start()) {
            List<String> logs = new CopyOnWriteArrayList<>();

            RegistryException e = failedPush(registry, "team/page:1", logs);

            String tokenService = URI.create(page.realm()).getAuthority();
            assertEquals(RegistryException.Problem.UNEXPECTED_RESPONSE, e.getProblem(), e.getMessage());
            assertTrue(e.getMessage().startsWith("log in to " + registry.host() + ": the token service at " + tokenService
                    + " answered HTTP 200 with something that is not JSON, so no token:"), e.getMessage());
            assertTrue(e.getMessage().contains("check the token realm"), e.getMessage());
            assertFalse(e.getMessage().contains("Sign in") || e.getMessage().contains("\n"), e.getMessage());
            assertEquals(1, page.served().size(), "not tried again: " + logs);
            assertNoLogin(List.of(e.getMessage()));
        }
    }

    @Test
    void aRegistryErrorEchoingTheBearerTokenIsQuotedWithTheTokenRedacted() throws Exception {
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host(), RegistryTrust.sslContext(pusher()))) {
            for (int i = 0; i < 5; i++) {
                proxy.echo(r -> r.startsWith("PUT /v2/team/bearer/manifests/1"), 502);
            }
            List<String> logs = new CopyOnWriteArrayList<>();
            RegistryAccess throughProxy = access(REGISTRY, "pusher", PUSHER_PASSWORD).withInsecure(true);

            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(ImageReference.parse(proxy.host() + "/team/bearer:1"), throughProxy)
                    .retry(new Retry(5, Duration.ofMillis(20), Duration.ofMillis(100)))
                    .listener(new PushListener() {
                        @Override
                        public void log(String line) {
                            logs.add(line);
                        }
                    })
                    .push());

            assertEquals(RegistryException.Problem.SERVER_ERROR, e.getProblem(), e.getMessage());
            assertEquals(0, proxy.pending(), "every echo was sent");
            assertTrue(e.getMessage().startsWith("push manifest 1 on " + proxy.host() + "/team/bearer: HTTP 502 \"bad gateway; request was:"
                    + " Authorization: Bearer " + Diagnosis.REDACTED + " PUT /v2/team/bearer/manifests/1"), e.getMessage());
            List<String> texts = new ArrayList<>(logs);
            texts.add(e.getMessage());
            assertEquals(4, logs.stream().filter(l -> l.startsWith("retrying push manifest 1")).count(), logs.toString());
            // a JWT starts with the base64 of {"
            assertFalse(texts.stream().anyMatch(t -> t.contains("eyJ")), texts.toString());
            assertNoLogin(texts);
        }
    }

    /** {@code registry} reached by the name localhost, not by the address 127.0.0.1 its token service has in the realm. */
    private static ImageReference viaLocalhost(LocalRegistry registry, String repoAndTag) throws Exception {
        return ImageReference.parse("localhost:" + registry.port() + "/" + repoAndTag);
    }

    @Test
    void anInsecureRegistrySendsNoPasswordToAPlainHttpTokenServiceOnAnotherHost() throws Exception {
        TokenIssuer issuer = TokenIssuer.plainHttp().user("pusher", PUSHER_PASSWORD, "team/", "pull", "push");
        try (LocalRegistry registry = LocalRegistry.tls().withTokenAuth(issuer).start()) {
            RegistryAccess insecure = RegistryAccess.anonymous().withCredentials(RegistryCredentials.of("pusher", PUSHER_PASSWORD)).withInsecure(true);

            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(viaLocalhost(registry, "team/other-host:1"), insecure).push());

            String tokenService = URI.create(issuer.realm()).getAuthority();
            assertEquals(RegistryException.Problem.PLAIN_HTTP_REGISTRY, e.getProblem(), e.getMessage());
            assertEquals("log in to localhost:" + registry.port() + ": the token service at " + tokenService + " is plain HTTP on another host"
                    + " than the registry: credentials are only sent over HTTP to the registry marked insecure itself, not to other hosts;"
                    + " serve the token service over HTTPS or from the registry's own host", e.getMessage());
            assertEquals(List.of(), issuer.served(), "nothing was sent to the plain-HTTP token service on another host");
        }
    }

    @Test
    void anInsecureRegistrysTokenServiceOnAnotherHostGetsVerifiedTls() throws Exception {
        TokenIssuer issuer = TokenIssuer.https().user("pusher", PUSHER_PASSWORD, "team/", "pull", "push");
        try (LocalRegistry registry = LocalRegistry.tls().withTokenAuth(issuer).start()) {
            RegistryAccess insecure = RegistryAccess.anonymous().withCredentials(RegistryCredentials.of("pusher", PUSHER_PASSWORD)).withInsecure(true);

            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(viaLocalhost(registry, "team/tls:1"), insecure).push());

            String tokenService = URI.create(issuer.realm()).getAuthority();
            assertEquals(RegistryException.Problem.UNKNOWN_CERTIFICATE_AUTHORITY, e.getProblem(), e.getMessage());
            assertTrue(e.getMessage().startsWith("log in to localhost:" + registry.port() + ": the TLS certificate of the token service "
                    + tokenService + " is signed by an unknown authority"), e.getMessage());
            assertEquals(List.of(), issuer.served(), "the login went nowhere unverified");

            // with the CA, the other host is verified and the push goes through; the registry's own host stays unverified
            PushResult verified = ImagePush.from(ImageSource.ociLayout(layout, "amd64"))
                    .to(viaLocalhost(registry, "team/tls:1"), insecure.withCaCertificate(registry.caCertificatePem())).push();
            assertEquals(TestImages.digestOf(layout, "amd64"), verified.digest());
            PushResult sameHost = ImagePush.from(ImageSource.ociLayout(layout, "amd64")).to(ref(registry, "team/tls:2"), insecure).push();
            assertEquals(verified.digest(), sameHost.digest());
            assertEquals(2, issuer.served().size(), issuer.served().toString());
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
