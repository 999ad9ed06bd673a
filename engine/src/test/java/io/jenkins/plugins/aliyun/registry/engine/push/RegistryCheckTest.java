package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class RegistryCheckTest {

    @Test
    void aCaCertificateWithoutAPemBlockIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryCheck.checkCaCertificate("not a certificate"));
        assertTrue(e.getMessage().contains("BEGIN CERTIFICATE"), e.getMessage());
    }

    /** One of the JDK's own CA certificates, as PEM. */
    private static String somePem() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        X509Certificate cert = ((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers()[0];
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void aBundleWithNonAsciiCommentsOrAByteOrderMarkIsAccepted() throws Exception {
        String pem = somePem();
        RegistryCheck.checkCaCertificate(pem);
        RegistryCheck.checkCaCertificate("# NetLock Arany (Class Gold) Főtanúsítvány\n" + pem + "# 中文注释\n" + pem);
        RegistryCheck.checkCaCertificate("\uFEFF" + pem);
        RegistryCheck.checkCaCertificate("\uFEFF" + pem.replace("\n", "\r\n"));
    }

    @Test
    void relativeSourcePathsStartFromTheBaseDirectory() throws Exception {
        Path workspace = Path.of("/work/space");
        assertEquals("docker-archive:/work/space/build/image.tar",
                ImageSource.parse("docker-archive:build/image.tar", RegistryAccess.anonymous(), workspace).toString());
        assertEquals("docker-archive:/abs/image.tar",
                ImageSource.parse("docker-archive:/abs/image.tar", RegistryAccess.anonymous(), workspace).toString());
        assertTrue(ImageSource.parse("oci:layout:1.0", RegistryAccess.anonymous(), workspace).toString().startsWith("oci:/work/space/layout"));
    }

    @Test
    void onlyRegistrySourcesHaveARegistryHost() throws Exception {
        assertEquals(Optional.of("docker.io"), ImageSource.parse("docker://nginx:1.27", RegistryAccess.anonymous()).registryHost());
        assertEquals(Optional.empty(), ImageSource.parse("docker-archive:x.tar", RegistryAccess.anonymous()).registryHost());
    }
}
