package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host name check against real TLS servers: a registry whose certificate is issued for other
 * names is refused after the handshake and before any request, with the names it is issued for.
 */
class ServerIdentityIT {

    @TempDir
    static Path images;

    static Path layout;

    @BeforeAll
    static void buildImage() throws Exception {
        layout = images.resolve("layout");
        TestImages.ociImage(layout, "one", 1, 10_000, "amd64", 1);
    }

    private static PushResult push(LocalRegistry registry, String host) throws Exception {
        RegistryAccess access = RegistryAccess.anonymous()
                .withCredentials(RegistryCredentials.of(registry.username(), registry.password()))
                .withCaCertificate(registry.caCertificatePem());
        return ImagePush.from(ImageSource.ociLayout(layout, "one")).to(ImageReference.parse(host + ":" + registry.port() + "/team/app:1"), access)
                .push();
    }

    /** The push fails with a TLS failure whose message has each of {@code expected}, and the registry saw no request. */
    private static void assertRefusedBeforeAnyRequest(LocalRegistry registry, String host, String... expected) {
        RegistryException e = assertThrows(RegistryException.class, () -> push(registry, host));
        assertEquals(RegistryException.Problem.TLS_FAILURE, e.getProblem());
        for (String text : expected) {
            assertTrue(e.getMessage().contains(text), e.getMessage());
        }
        assertEquals(java.util.List.of(), registry.requests());
    }

    @Test
    void certificateForAnotherNameIsRefusedBeforeAnyRequestAndItsNamesAreShown() throws Exception {
        try (LocalRegistry other = LocalRegistry.tls().withUser("u", "p").withCertificateNames("DNS:registry.example.test,IP:10.1.2.3").start()) {
            assertRefusedBeforeAnyRequest(other, "127.0.0.1", "is not issued for that name (it is issued for registry.example.test, 10.1.2.3)",
                    "subjectAltName");
        }
    }

    @Test
    void certificateWithOnlyACommonNameIsRefusedWithHowToReissueIt() throws Exception {
        try (LocalRegistry legacy = LocalRegistry.tls().withUser("u", "p").withCertificateNames(null).start()) {
            assertRefusedBeforeAnyRequest(legacy, "localhost", "has no subjectAltName", "-addext");
        }
    }

    @Test
    void certificateForLocalhostOnlyServesLocalhostButNotItsAddress() throws Exception {
        try (LocalRegistry named = LocalRegistry.tls().withUser("u", "p").withCertificateNames("DNS:localhost").start()) {
            PushResult ok = push(named, "localhost");
            assertTrue(ok.digest().startsWith("sha256:"), ok.digest());
            RegistryException e = assertThrows(RegistryException.class, () -> push(named, "127.0.0.1"));
            assertTrue(e.getMessage().contains("(it is issued for localhost)"), e.getMessage());
        }
    }
}
