package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.Skopeo;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code aliyun-cr push}: the contract's JSON, exit codes 0/2/1, and no password in any output. */
class PushCommandIT {

    private static final String USER = "ci-bot";
    private static final String PASSWORD = "Push:Pa$$ wörd-7";

    @RegisterExtension
    static final LocalRegistry TLS = LocalRegistry.tls().withUser(USER, PASSWORD);

    @RegisterExtension
    static final LocalRegistry HTTP = LocalRegistry.http();

    @TempDir
    static Path tmp;

    static Path layout;
    static Path archive;

    @BeforeAll
    static void images() throws Exception {
        layout = TestImages.ociImage(tmp.resolve("layout"), "1", 2, 64 * 1024, "amd64", 7);
        archive = TestImages.dockerArchive(layout, "1", tmp.resolve("image.tar"));
    }

    private static CliRun push(String source, String destination, String... more) {
        String[] args = new String[6 + more.length];
        args[0] = "push";
        args[1] = source;
        args[2] = destination;
        args[3] = "--cache-dir";
        args[4] = tmp.resolve("cache").toString();
        args[5] = "--json";
        System.arraycopy(more, 0, args, 6, more.length);
        return CliRun.withStdin(PASSWORD + "\n", args);
    }

    private static void assertNoSecret(CliRun r) {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertFalse(r.all().contains(PASSWORD), "the password was printed");
        assertFalse(r.all().contains(auth), "base64(user:password) was printed");
    }

    @Test
    void pushesAnOciLayoutWithItsDigestAndEveryTag() throws Exception {
        String destination = TLS.host() + "/team/app:1";
        CliRun r = push("oci:" + layout + ":1", destination, "--additional-tag", "latest", "--username", USER,
                "--password-stdin", "--ca-cert", TLS.caCertificate().toString());

        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(destination, o.get("reference").asText());
        assertEquals(TestImages.digestOf(layout, "1"), o.get("digest").asText(), "an OCI layout keeps its digest");
        assertEquals("[\"1\",\"latest\"]", o.get("tags").toString());
        Skopeo skopeo = Skopeo.create();
        assertEquals(o.get("digest").asText(), skopeo.digest("docker://" + TLS.host() + "/team/app:latest", TLS));
        assertNoSecret(r);
    }

    @Test
    void aCaFileWithAByteOrderMarkCrlfNonAsciiCommentsOrInUtf16IsRead() throws Exception {
        // as Notepad or PowerShell 5 save it, with a comment as curl's bundle has
        String pem = Files.readString(TLS.caCertificate(), StandardCharsets.US_ASCII).replace("\n", "\r\n");
        Path ca = tmp.resolve("ca-bom.pem");
        Files.write(ca, ("\uFEFF# Főtanúsítvány, 根证书\r\n" + pem).getBytes(StandardCharsets.UTF_8));

        CliRun r = push("oci:" + layout + ":1", TLS.host() + "/team/app:bom", "--username", USER, "--password-stdin",
                "--ca-cert", ca.toString());

        assertEquals(0, r.code(), r.err());

        // as PowerShell 5's '>' writes it: UTF-16LE with its byte-order mark
        Path utf16 = tmp.resolve("ca-utf16.pem");
        Files.write(utf16, ("\uFEFF" + pem).getBytes(StandardCharsets.UTF_16LE));
        r = push("oci:" + layout + ":1", TLS.host() + "/team/app:utf16", "--username", USER, "--password-stdin",
                "--ca-cert", utf16.toString());

        assertEquals(0, r.code(), r.err());
    }

    @Test
    void pushesADockerArchiveToAPlainHttpRegistryMarkedInsecure() throws Exception {
        CliRun r = push("docker-archive:" + archive, HTTP.host() + "/nexus/app:7", "--insecure");

        assertEquals(0, r.code(), r.err());
        String digest = new ObjectMapper().readTree(r.out()).get("digest").asText();
        assertEquals(digest, Skopeo.create().digest("docker://" + HTTP.host() + "/nexus/app:7", HTTP));
    }

    @Test
    void aPlainHttpRegistryWithoutInsecureIsRefusedWithTheFix() {
        CliRun r = push("docker-archive:" + archive, HTTP.host() + "/nexus/app:8");

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("answers plain HTTP") && r.err().contains("--insecure"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("aliyun-cr: error:")).count(), r.err());
    }

    @Test
    void aWrongPasswordFailsWithTheLoginHintAndWithoutThePassword() {
        CliRun r = CliRun.withStdin("wrong-" + PASSWORD + "\n", "push", "oci:" + layout + ":1", TLS.host() + "/team/app:2",
                "--username", USER, "--password-stdin", "--ca-cert", TLS.caCertificate().toString(), "--no-cache");

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("HTTP 401"), r.err());
        assertFalse(r.all().contains(PASSWORD), "no password, right or wrong, is printed");
    }

    @Test
    void anUnknownCertificateAuthorityNamesTheCaCertOption() {
        CliRun r = push("oci:" + layout + ":1", TLS.host() + "/team/app:3", "--username", USER, "--password-stdin");

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("unknown authority") && r.err().contains("--ca-cert"), r.err());
        assertNoSecret(r);
    }

    @Test
    void aSourceRegistryWithAnUnknownAuthorityNamesTheSourceOptions() throws Exception {
        // the destination (plain HTTP, insecure) is fine; the docker:// source is the TLS registry, its CA not given
        CliRun pushed = push("oci:" + layout + ":1", TLS.host() + "/team/src:1", "--username", USER, "--password-stdin",
                "--ca-cert", TLS.caCertificate().toString());
        assertEquals(0, pushed.code(), pushed.all());
        CliRun r = push("docker://" + TLS.host() + "/team/src:1", HTTP.host() + "/copy/app:1", "--insecure",
                "--source-username", USER, "--source-password-stdin");

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("unknown authority") && r.err().contains("--source-ca-cert"), r.err());
        assertFalse(r.err().contains(" --ca-cert"), "the destination's option is not the fix here: " + r.err());
        assertNoSecret(r);
    }

    @Test
    void invalidInputExitsWithTwoBeforeAnyRequest() throws Exception {
        // The access log is what proves "no request": make sure it records requests at all.
        int probe = TLS.requests().size();
        push("oci:" + layout + ":1", TLS.host() + "/team/probe:1", "--username", USER, "--password-stdin",
                "--ca-cert", TLS.caCertificate().toString());
        int before = TLS.requests().size();
        assertTrue(before > probe, "the registry's access log records requests");
        for (String[] args : new String[][] {
            {"push", "oci:" + layout + ":1", TLS.host() + "/Team/App:1"},
            {"push", "oci:" + layout + ":1", TLS.host() + "/team/app:feature/x"},
            {"push", "tarball:" + archive, TLS.host() + "/team/app:1"},
            {"push", "docker-archive:" + tmp.resolve("missing.tar"), TLS.host() + "/team/app:1"},
            {"push", "oci:" + layout + ":1", TLS.host() + "/team/app:1", "--password-stdin"},
        }) {
            CliRun r = CliRun.withStdin(PASSWORD + "\n", args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.all());
            assertTrue(r.err().startsWith("aliyun-cr: error: "), r.err());
            assertNoSecret(r);
        }
        assertEquals(before, TLS.requests().size(), "nothing reached the registry");
    }
}
