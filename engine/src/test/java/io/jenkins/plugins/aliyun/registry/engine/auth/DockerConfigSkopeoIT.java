package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.Skopeo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config.json we write is accepted by a real client: skopeo logs in with it to the Debian
 * docker-registry (TLS with a self-signed CA, htpasswd), and is refused with a changed password.
 */
class DockerConfigSkopeoIT {

    private static final String USER = "acr-user@example.com";
    private static final String PASSWORD = "pa$$ w:rd \"é\"";

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.tls().withUser(USER, PASSWORD);

    @TempDir
    static Path tmp;

    static String image;

    @BeforeAll
    static void putAnImageIntoTheRegistry() throws Exception {
        LocalRegistry.assumeInstalled("umoci");
        Path layout = tmp.resolve("layout");
        run("umoci", "init", "--layout", layout.toString());
        run("umoci", "new", "--image", layout + ":1");
        image = "docker://" + REGISTRY.host() + "/team/app:1";
        Skopeo.create().copy("oci:" + layout + ":1", null, image, REGISTRY);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    private static List<String> inspect(Path authFile) {
        return List.of("inspect", "--authfile", authFile.toString(), "--cert-dir", REGISTRY.certDir().toString(), image);
    }

    @Test
    void skopeoLogsInWithOurConfigJson() throws Exception {
        Path file = tmp.resolve("ours/config.json");
        DockerConfig.of(REGISTRY.host(), RegistryCredentials.of(USER, PASSWORD)).writeTo(file);

        String out = Skopeo.create().run(inspect(file));

        assertEquals(REGISTRY.host() + "/team/app", new ObjectMapper().readTree(out).get("Name").asText());
    }

    @Test
    void aConfigWithSeveralRegistriesWorksForTheRightOne() throws Exception {
        Path file = tmp.resolve("several/config.json");
        DockerConfig.of("docker.io", RegistryCredentials.of("someone", "else"))
                .with("crpi-x.cn-hangzhou.personal.cr.aliyuncs.com", RegistryCredentials.of("a", "b"))
                .with(REGISTRY.host(), RegistryCredentials.of(USER, PASSWORD))
                .writeTo(file);

        assertTrue(Skopeo.create().run(inspect(file)).contains("\"Digest\""));
    }

    @Test
    void skopeoIsRefusedWhenOurFileHasAnotherPassword() throws Exception {
        Path file = tmp.resolve("wrong/config.json");
        DockerConfig.of(REGISTRY.host(), RegistryCredentials.of(USER, PASSWORD + "x")).writeTo(file);

        IOException e = assertThrows(IOException.class, () -> Skopeo.create().run(inspect(file)));

        assertTrue(e.getMessage().toLowerCase().contains("unauthorized") || e.getMessage().contains("401"), e.getMessage());
    }
}
