package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerIdentityTest {

    @TempDir
    Path dir;

    /** A self-signed certificate made by openssl with these subjectAltName entries (none if null). */
    private X509Certificate certificate(String subjectAltName) throws Exception {
        LocalRegistry.assumeInstalled("openssl");
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-days", "1", "-subj", "/CN=registry.example.test", "-keyout", dir.resolve("k.pem").toString(), "-out", dir.resolve("c.pem").toString()));
        if (subjectAltName != null) {
            cmd.addAll(List.of("-addext", "subjectAltName=" + subjectAltName));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, p.waitFor());
        try (InputStream in = Files.newInputStream(dir.resolve("c.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "a.example.com,   a.example.com,   true",
        "a.example.com,   *.example.com,   true",
        "a.b.example.com, *.example.com,   false",
        "example.com,     *.example.com,   false",
        "a.com,           *.com,           false",
        "abc.example.com, a*.example.com,  false",
        "abc.example.com, *bc.example.com, false",
        "a.example.com,   *.*.com,         false",
        "a.example.com,   a.*.com,         false",
        "a.example.com,   *,               false",
        "a.example.com,   b.example.com,   false",
        "example.com,     example.com.evil, false",
        "'',              '',              false",
    })
    void namesMatchExactlyOrByAWholeLeftmostWildcardLabel(String host, String pattern, boolean expected) {
        assertEquals(expected, ServerIdentity.matches(host, pattern));
    }

    @Test
    void addressesAndNamesOfTheCertificateAreCheckedByKind() throws Exception {
        X509Certificate c = certificate("IP:127.0.0.1,DNS:Registry.Example.Test,DNS:*.mirror.example.test,IP:::1");
        for (String ok : List.of("127.0.0.1", "registry.example.test", "REGISTRY.example.TEST", "registry.example.test.", "eu.mirror.example.test",
                "[::1]", "::1", "0:0:0:0:0:0:0:1")) {
            assertDoesNotThrow(() -> ServerIdentity.check(ok, c), ok);
        }
        for (String bad : List.of("127.0.0.2", "localhost", "example.test", "mirror.example.test", "a.eu.mirror.example.test", "[::2]", "10.0.0.1")) {
            SSLPeerUnverifiedException e = assertThrows(SSLPeerUnverifiedException.class, () -> ServerIdentity.check(bad, c), bad);
            assertTrue(e.getMessage().startsWith(ServerIdentity.NOT_FOR_HOST + " " + bad + " (it is issued for "), e.getMessage());
            assertTrue(e.getMessage().contains("Registry.Example.Test, *.mirror.example.test, 127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void anAddressWrittenAsADnsEntryDoesNotMatchTheAddress() throws Exception {
        // some certificates list an IP as a DNS name; Go and browsers do not accept it for the address, neither do we
        X509Certificate c = certificate("DNS:127.0.0.1");
        assertThrows(SSLPeerUnverifiedException.class, () -> ServerIdentity.check("127.0.0.1", c));
    }

    @Test
    void aCertificateWithOnlyACommonNameMatchesNothingAndSaysSo() throws Exception {
        X509Certificate c = certificate(null);
        SSLPeerUnverifiedException e = assertThrows(SSLPeerUnverifiedException.class, () -> ServerIdentity.check("registry.example.test", c));
        assertEquals(ServerIdentity.NO_NAMES, e.getMessage());
    }

    @Test
    void onlyLiteralAddressesAreReadAsAddresses() {
        assertArrayEquals(new byte[] {10, 0, 0, 1}, ServerIdentity.literalAddress("10.0.0.1"));
        assertEquals(16, ServerIdentity.literalAddress("[fe80::1]").length);
        assertNull(ServerIdentity.literalAddress("300.1.1.1"));
        assertNull(ServerIdentity.literalAddress("1.2.3"));
        assertNull(ServerIdentity.literalAddress("registry.example.com"));
        assertNull(ServerIdentity.literalAddress("crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com"));
        assertNull(ServerIdentity.literalAddress("abc:xyz"));
        assertNull(ServerIdentity.literalAddress("dead:beef:::1::2"));
    }
}
