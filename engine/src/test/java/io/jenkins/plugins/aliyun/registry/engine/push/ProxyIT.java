package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalProxy;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.Skopeo;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pushes through a real HTTP proxy (Debian's tinyproxy) with CONNECT, to TLS and to plain-HTTP registries. */
class ProxyIT {

    private static final String PROXY_USER = "ci-proxy";
    private static final String PROXY_PASSWORD = "Pr0xyPass";

    @RegisterExtension
    static final LocalRegistry TLS = LocalRegistry.tls().withUser("pusher", "registry-Pa55");

    @RegisterExtension
    static final LocalRegistry HTTP = LocalRegistry.http();

    @RegisterExtension
    static final LocalProxy PROXY = LocalProxy.withUser(PROXY_USER, PROXY_PASSWORD);

    @TempDir
    static Path images;

    static Path layout;

    @BeforeAll
    static void image() throws Exception {
        layout = TestImages.ociImage(images.resolve("layout"), "1", 2, 100_000, "amd64", 3);
    }

    private static HttpProxy proxy(String password) throws Exception {
        return HttpProxy.of("127.0.0.1", PROXY.port()).withCredentials(RegistryCredentials.of(PROXY_USER, password));
    }

    private static RegistryAccess tlsAccess(HttpProxy proxy) throws Exception {
        return RegistryAccess.anonymous()
                .withCredentials(RegistryCredentials.of(TLS.username(), TLS.password()))
                .withCaCertificate(TLS.caCertificatePem())
                .withProxy(proxy);
    }

    @Test
    void aTlsRegistryIsReachedThroughTheProxysTunnel() throws Exception {
        String before = PROXY.log();
        PushResult result = ImagePush.from(ImageSource.ociLayout(layout, "1"))
                .to(ImageReference.parse(TLS.host() + "/team/via-proxy:1"), tlsAccess(proxy(PROXY_PASSWORD)))
                .push();

        assertEquals(TestImages.digestOf(layout, "1"), result.digest());
        assertEquals(result.digest(), Skopeo.create().digest("docker://" + TLS.host() + "/team/via-proxy:1", TLS));
        String tunnels = PROXY.log().substring(before.length());
        assertTrue(tunnels.contains("CONNECT " + TLS.host()), "the push went through the proxy: " + tunnels);
    }

    @Test
    void anInsecurePlainHttpRegistryIsReachedThroughTheProxyToo() throws Exception {
        String before = PROXY.log();
        RegistryAccess access = RegistryAccess.anonymous().withInsecure(true).withProxy(proxy(PROXY_PASSWORD));
        PushResult result = ImagePush.from(ImageSource.ociLayout(layout, "1"))
                .to(ImageReference.parse(HTTP.host() + "/nexus/via-proxy:1"), access)
                .push();

        assertEquals(TestImages.digestOf(layout, "1"), result.digest());
        assertTrue(PROXY.log().substring(before.length()).contains("CONNECT " + HTTP.host()));
    }

    @Test
    void aWrongProxyPasswordSaysSoWithoutShowingIt() {
        RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                .to(ImageReference.parse(TLS.host() + "/team/via-proxy:2"), tlsAccess(proxy("wrong-" + PROXY_PASSWORD)))
                .push());

        assertEquals(RegistryException.Problem.PROXY_FAILURE, e.getProblem());
        assertTrue(e.getMessage().contains("asks for a login (HTTP 40") && e.getMessage().contains("username or password is wrong"), e.getMessage());
        assertFalse(e.getMessage().contains(PROXY_PASSWORD), e.getMessage());
    }

    @Test
    void aProxyNobodyListensOnIsNamedAsTheProxy() throws Exception {
        HttpProxy nowhere = HttpProxy.of("127.0.0.1", LocalRegistry.freePort());
        RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                .to(ImageReference.parse(TLS.host() + "/team/via-proxy:3"), tlsAccess(nowhere))
                .push());

        assertEquals(RegistryException.Problem.PROXY_FAILURE, e.getProblem());
        assertTrue(e.getMessage().contains("connection to the proxy 127.0.0.1:" + nowhere.getPort() + " refused"), e.getMessage());
    }

    private static final Retry ONCE_MORE = new Retry(2, Duration.ofMillis(10), Duration.ofMillis(10));

    /** As the Jenkins form "Test connection" names its settings: the proxy is Jenkins' own. */
    private static final AccessHints FORM = new AccessHints("by ticking Insecure above", "in \"CA certificate (PEM)\" above",
            "by choosing Credentials above", "in Manage Jenkins » System » HTTP Proxy Configuration (Server, Port, User name, Password);"
                    + " hosts listed in its No Proxy Host are reached directly");

    @Test
    void aProxyFailureSaysWhereTheProxyIsSetAsTheFrontEndSetsIt() throws Exception {
        HttpProxy nowhere = HttpProxy.of("127.0.0.1", LocalRegistry.freePort());
        RegistryException commandLine = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                .to(ImageReference.parse(TLS.host() + "/team/via-proxy:4"), tlsAccess(nowhere)).retry(ONCE_MORE).push());
        RegistryException form = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                .to(ImageReference.parse(TLS.host() + "/team/via-proxy:4"), tlsAccess(nowhere).withHints(FORM)).retry(ONCE_MORE).push());

        assertEquals(RegistryException.Problem.PROXY_FAILURE, form.getProblem());
        assertTrue(commandLine.getMessage().endsWith("refused: nothing listens there; check the proxy's host and port, or exempt the registry"
                + " from the proxy; the proxy is set by HTTPS_PROXY/HTTP_PROXY (with a login: http://user:password@host:port); hosts listed"
                + " in NO_PROXY are reached directly"), commandLine.getMessage());
        assertTrue(form.getMessage().endsWith("; the proxy is set in Manage Jenkins » System » HTTP Proxy Configuration (Server, Port,"
                + " User name, Password); hosts listed in its No Proxy Host are reached directly"), form.getMessage());
        assertFalse(form.getMessage().contains("PROXY"), "no environment variable where Jenkins' own proxy is used: " + form.getMessage());
    }

    @Test
    void aProxyAskingForALoginThatWasNotGivenSaysWhereToGiveIt() throws Exception {
        RegistryAccess noLogin = tlsAccess(HttpProxy.of("127.0.0.1", PROXY.port())).withHints(FORM);
        RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                .to(ImageReference.parse(TLS.host() + "/team/via-proxy:5"), noLogin).push());

        assertEquals(RegistryException.Problem.PROXY_FAILURE, e.getProblem());
        assertTrue(e.getMessage().contains("asks for a login (HTTP 407): give the proxy user and password; the proxy is set in Manage Jenkins"),
                e.getMessage());
        assertFalse(e.getMessage().contains("http://user:password@"), e.getMessage());
    }
}
