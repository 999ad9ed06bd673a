package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.Skopeo;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code push} with the docker config that {@code docker login} leaves on macOS and Windows: no
 * {@code auth} in it, a {@code credsStore} naming the helper that holds the login. The packaged jar
 * runs as a process of its own, so that the helper is found on its {@code PATH}.
 */
@DisabledOnOs(OS.WINDOWS)
class CredentialHelperIT {

    private static final String USER = "helper-user";
    private static final String PASSWORD = "Helper:Pa$$-wörd-3";

    @RegisterExtension
    static final LocalRegistry TLS = LocalRegistry.tls().withUser(USER, PASSWORD);

    @TempDir
    static Path tmp;

    static Path layout;

    @BeforeAll
    static void image() throws Exception {
        layout = TestImages.ociImage(tmp.resolve("layout"), "1", 1, 16 * 1024, "amd64", 11);
    }

    private record Run(int code, String out, String err) {}

    private static Run push(String store, String tag) throws Exception {
        return push(store, tag, "{}");
    }

    private static Run push(String store, String tag, String entry) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path helper = bin.resolve("docker-credential-itest");
        if (!Files.exists(helper)) {
            Files.writeString(helper, """
                    #!/bin/sh
                    [ "$1" = get ] || exit 3
                    read url
                    [ "$url" = "%s" ] || { echo "credentials not found in native keychain"; exit 1; }
                    printf '{"ServerURL":"%%s","Username":"%s","Secret":"%s"}\\n' "$url"
                    """.formatted(TLS.host(), USER, PASSWORD), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
            Path broken = bin.resolve("docker-credential-broken");
            Files.writeString(broken, "#!/bin/sh\necho 'error: no secret service on D-Bus' >&2\nexit 1\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
        }
        Path config = Files.createDirectories(tmp.resolve("docker-" + store));
        Files.writeString(config.resolve("config.json"),
                "{\"auths\":{\"" + TLS.host() + "\":" + entry + "},\"credsStore\":\"" + store + "\"}", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "aliyun-cr.jar").toAbsolutePath().toString(), "push", "oci:" + layout + ":1",
                TLS.host() + "/team/app:" + tag, "--ca-cert", TLS.caCertificate().toString(), "--no-cache"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("DOCKER_CONFIG", config.toString());
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the push did not finish");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
    }

    @Test
    void theLoginComesFromTheHelperTheConfigNames() throws Exception {
        Run r = push("itest", "helper");

        assertEquals(0, r.code(), r.err());
        String digest = r.out().strip().substring(r.out().strip().indexOf('@') + 1);
        assertEquals(digest, Skopeo.create().digest("docker://" + TLS.host() + "/team/app:helper", TLS));
        assertFalse((r.out() + r.err()).contains(PASSWORD), "the helper's secret was printed");
    }

    @Test
    void aHelperThatIsNotInstalledIsSaidAndThePushGoesOnWithoutALogin() throws Exception {
        Run r = push("desktop", "nohelper");

        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("the docker config names the credential helper \"desktop\" for " + TLS.host()
                + ", but docker-credential-desktop is not on the PATH; going on without a login"), r.err());
        assertTrue(r.err().contains("aliyun-cr: error:"), r.err());
    }

    @Test
    void aFailingHelperLeavesTheConfigsOwnLoginToBeUsedWithAWarning() throws Exception {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Run r = push("broken", "fallback", "{\"auth\":\"" + auth + "\"}");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("aliyun-cr: warning: docker-credential-broken get failed for " + TLS.host()
                + " (exit 1): error: no secret service on D-Bus; fix the helper's store, or log in with --username and --password-stdin;"
                + " using the \"auth\" entry of the docker config instead"), r.err());
        assertFalse((r.out() + r.err()).contains(PASSWORD) || (r.out() + r.err()).contains(auth), "the login was printed");
    }

    @Test
    void aFailingHelperWithoutALoginInTheFileStopsThePushWithItsReason() throws Exception {
        Run r = push("broken", "nofallback");

        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("aliyun-cr: error: docker-credential-broken get failed for " + TLS.host()
                + " (exit 1): error: no secret service on D-Bus"), r.err());
    }
}
