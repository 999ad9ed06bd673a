package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kaniko-secret --apply} creates, then updates the Secret; a type change is handled (fabric8 mock server, CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class KanikoSecretApplyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    Path kubeconfig;

    @BeforeEach
    void writeKubeconfig() throws Exception {
        kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: ci
                  user:
                    token: test-token
                contexts:
                - name: mock
                  context: {cluster: mock, user: ci, namespace: default}
                current-context: mock
                """.formatted(client.getMasterUrl().toString()));
    }

    private CliRun apply(String password) {
        return CliRun.withStdin(password + "\n", "kaniko-secret", "--name", "acr-login", "--namespace", "ci",
                "--registry", "crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com", "--username", "dev@example.com", "--password-stdin",
                "--apply", "--kubeconfig", kubeconfig.toString(), "--json");
    }

    private String storedPassword() throws Exception {
        Secret s = client.secrets().inNamespace("ci").withName("acr-login").get();
        byte[] json = Base64.getDecoder().decode(s.getData().get(".dockerconfigjson"));
        return JSON.readTree(new String(json, StandardCharsets.UTF_8))
                .get("auths").get("crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com").get("password").asText();
    }

    @Test
    void createsThenUpdates() throws Exception {
        CliRun first = apply("first-pass");
        assertEquals(0, first.code(), first.err());
        assertEquals("created", JSON.readTree(first.out()).get("action").asText());
        assertEquals("first-pass", storedPassword());

        CliRun second = apply("second-pass");
        assertEquals(0, second.code(), second.err());
        assertEquals("updated", JSON.readTree(second.out()).get("action").asText());
        assertEquals("second-pass", storedPassword());
        assertEquals("kubernetes.io/dockerconfigjson", client.secrets().inNamespace("ci").withName("acr-login").get().getType());

        assertEquals("unchanged", JSON.readTree(apply("second-pass").out()).get("action").asText());
        assertFalse((first.all() + second.all()).contains("pass"), "no password in the output");
    }

    @Test
    void replacesASecretOfAnotherType() throws Exception {
        client.secrets().inNamespace("ci").resource(new SecretBuilder()
                .withNewMetadata().withName("acr-login").withNamespace("ci")
                .withLabels(Map.of("app.kubernetes.io/managed-by", "aliyun-container-registry")).endMetadata()
                .withType("Opaque").withData(Map.of("token", "eA==")).build()).create();

        CliRun r = apply("pw-1");
        assertEquals(0, r.code(), r.err());
        assertEquals("replaced", JSON.readTree(r.out()).get("action").asText());
        assertEquals("kubernetes.io/dockerconfigjson", client.secrets().inNamespace("ci").withName("acr-login").get().getType());
        assertEquals("pw-1", storedPassword());
    }

    @Test
    void aSecretThisToolDidNotMakeIsLeftAlone() throws Exception {
        client.secrets().inNamespace("ci").resource(new SecretBuilder()
                .withNewMetadata().withName("acr-login").withNamespace("ci").endMetadata()
                .withType("kubernetes.io/tls").withData(Map.of("tls.key", "a2V5")).build()).create();

        CliRun r = apply("pw-1");
        assertEquals(1, r.code(), r.all());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("aliyun-cr: error: the Secret \"acr-login\" in namespace \"ci\" already exists (type kubernetes.io/tls)"
                + " and was not made by this plugin"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.all().contains("pw-1"), r.all());
        Secret kept = client.secrets().inNamespace("ci").withName("acr-login").get();
        assertEquals("kubernetes.io/tls", kept.getType());
        assertEquals(Map.of("tls.key", "a2V5"), kept.getData());
    }

    @Test
    void aMissingKubeconfigIsInvalidInput() {
        CliRun r = CliRun.withStdin("pw\n", "kaniko-secret", "--name", "acr-login", "--namespace", "ci", "--registry", "h.io",
                "--username", "u", "--password-stdin", "--apply", "--kubeconfig", tmp.resolve("nope").toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("kubeconfig"), r.err());
    }

    @Test
    void severalRegistriesFromADockerConfig() throws Exception {
        Path config = tmp.resolve("config.json");
        CliRun.withStdin("p1\n", "docker-config", "--registry", "a.example.com", "--username", "u1", "--password-stdin", "--output", config.toString());
        CliRun.withStdin("p2\n", "docker-config", "--registry", "b.example.com:5000", "--username", "u2", "--password-stdin", "--output", config.toString());
        CliRun r = CliRun.run("kaniko-secret", "--name", "logins", "--namespace", "ci", "--from-docker-config", config.toString(),
                "--apply", "--kubeconfig", kubeconfig.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("secret/logins created in namespace ci\n", r.out());
        Secret s = client.secrets().inNamespace("ci").withName("logins").get();
        var auths = JSON.readTree(Base64.getDecoder().decode(s.getData().get(".dockerconfigjson"))).get("auths");
        assertEquals(2, auths.size());
        assertEquals("u2", auths.get("b.example.com:5000").get("username").asText());
    }
}
