package io.jenkins.plugins.aliyun.registry.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Secret equals what {@code kubectl create secret docker-registry --dry-run=client -o json}
 * produces for the same input (FACTS.md, Kubernetes): kubectl is the oracle.
 */
class DockerConfigSecretTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "password {0}")
    @ValueSource(strings = {
        "plain-password",
        "pa:ss:word",
        "dollar$sign$$",
        "quote\"inside",
        "with spaces  here",
        "非ASCII密码-ünïcödé",
        "html<&>chars",
        "back\\slash",
        "tab\tand\u2028line-separator",
    })
    void secretDataIsByteForByteWhatKubectlWrites(String password) throws Exception {
        assertSameAsKubectl("crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com", "lgy@example.com", password);
    }

    @ParameterizedTest(name = "registry {0} user {1}")
    @CsvSource({
        "registry-vpc.cn-shanghai.aliyuncs.com, 13800000000, secret",
        "10.211.55.6:8082, admin, admin123",
        "my.registry.io, robot$ci, tok:en",
        "https://index.docker.io/v1/, dockeruser, hub-token",
    })
    void everyRegistryKindMatchesKubectl(String registry, String user, String password) throws Exception {
        assertSameAsKubectl(registry, user, password);
    }

    private static void assertSameAsKubectl(String server, String user, String password) throws Exception {
        JsonNode expected = kubectl(server, user, password);
        Secret ours = DockerConfigSecret.of("acr-login", "ci-builds", DockerConfig.of(server, RegistryCredentials.of(user, password)));

        assertEquals(expected.at("/type").asText(), ours.getType());
        assertEquals(expected.at("/metadata/name").asText(), ours.getMetadata().getName());
        assertEquals(expected.at("/metadata/namespace").asText(), ours.getMetadata().getNamespace());
        String theirs = expected.at("/data/.dockerconfigjson").asText();
        String mine = ours.getData().get(DockerConfigSecret.DATA_KEY);
        assertEquals(new String(Base64.getDecoder().decode(theirs), StandardCharsets.UTF_8),
                new String(Base64.getDecoder().decode(mine), StandardCharsets.UTF_8));
        assertEquals(theirs, mine, "the base64 of .dockerconfigjson is byte-identical");
        assertEquals(1, ours.getData().size());
    }

    private static JsonNode kubectl(String server, String user, String password) throws IOException, InterruptedException {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        // A throwaway test password on kubectl's command line: kubectl only takes it that way.
        Process p = new ProcessBuilder(List.of("kubectl", "create", "secret", "docker-registry", "acr-login", "-n", "ci-builds",
                        "--docker-server=" + server, "--docker-username=" + user, "--docker-password=" + password,
                        "--dry-run=client", "-o", "json"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "kubectl failed");
        return JSON.readTree(out);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void severalRegistriesGoIntoOneSecret() throws Exception {
        DockerConfig config = DockerConfig.of("crpi-a.cn-hangzhou.personal.cr.aliyuncs.com", RegistryCredentials.of("u1", "p1"))
                .with("docker.io", RegistryCredentials.of("u2", "p2"));
        Secret s = DockerConfigSecret.of("logins", "jenkins", config);
        JsonNode auths = JSON.readTree(Base64.getDecoder().decode(s.getData().get(DockerConfigSecret.DATA_KEY))).get("auths");
        assertEquals(2, auths.size());
        assertEquals("u1", auths.at("/crpi-a.cn-hangzhou.personal.cr.aliyuncs.com/username").asText());
        assertEquals("u2", auths.get("https://index.docker.io/v1/").get("username").asText());
    }

    @ParameterizedTest(name = "secret name {0}")
    @CsvSource(delimiter = '|', value = {
        "Kaniko_Secret | Secret name \"Kaniko_Secret\" is not valid in Kubernetes",
        "-leading      | Secret name \"-leading\" is not valid in Kubernetes",
    })
    void invalidSecretNamesAreRefusedWithTheRule(String name, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DockerConfigSecret.of(name, "jenkins", DockerConfig.of("h.io", RegistryCredentials.of("u", "p"))));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertTrue(e.getMessage().contains("lowercase letters, digits"), e.getMessage());
    }

    @ParameterizedTest(name = "namespace {0}")
    @ValueSource(strings = {"Jenkins", "ci.builds", "a-very-long-namespace-name-that-goes-on-and-on-beyond-sixty-three-chars"})
    void invalidNamespacesAreRefusedWithTheRule(String namespace) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DockerConfigSecret.of("login", namespace, DockerConfig.of("h.io", RegistryCredentials.of("u", "p"))));
        assertTrue(e.getMessage().startsWith("Kubernetes namespace \"" + namespace + "\" is not valid"), e.getMessage());
    }

    @Test
    void anEmptyConfigIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DockerConfigSecret.of("login", "jenkins", DockerConfig.empty()));
        assertTrue(e.getMessage().contains("would hold no registry login"), e.getMessage());
    }
}
