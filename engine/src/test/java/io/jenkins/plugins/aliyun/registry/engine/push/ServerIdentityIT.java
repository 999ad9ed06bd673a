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

    @Test
    void certificateForAnotherNameIsRefusedBeforeAnyRequestAndItsNamesAreShown() throws Exception {
        try (LocalRegistry other = LocalRegistry.tls().withUser("u", "p").withCertificateNames("DNS:registry.example.test,IP:10.1.2.3").start()) {
            RegistryException e = assertThrows(RegistryException.class, () -> push(other, "127.0.0.1"));
            assertEquals(RegistryException.Problem.TLS_FAILURE, e.getProblem());
            assertTrue(e.getMessage().contains("is not issued for that name (it is issued for registry.example.test, 10.1.2.3)"), e.getMessage());
            assertTrue(e.getMessage().contains("subjectAltName"), e.getMessage());
            assertEquals(java.util.List.of(), other.requests());
        }
    }

    @Test
    void certificateWithOnlyACommonNameIsRefusedWithHowToReissueIt() throws Exception {
        try (LocalRegistry legacy = LocalRegistry.tls().withUser("u", "p").withCertificateNames(null).start()) {
            RegistryException e = assertThrows(RegistryException.class, () -> push(legacy, "localhost"));
            assertEquals(RegistryException.Problem.TLS_FAILURE, e.getProblem());
            assertTrue(e.getMessage().contains("has no subjectAltName"), e.getMessage());
            assertTrue(e.getMessage().contains("-addext"), e.getMessage());
            assertEquals(java.util.List.of(), legacy.requests());
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
