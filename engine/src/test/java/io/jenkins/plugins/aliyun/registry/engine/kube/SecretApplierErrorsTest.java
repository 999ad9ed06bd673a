package io.jenkins.plugins.aliyun.registry.engine.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import org.junit.jupiter.api.Test;

/** What the API server's refusals turn into (mock server in expectation mode). */
@EnableKubernetesMockClient
class SecretApplierErrorsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private EngineException applyAndFail() throws Exception {
        var secret = DockerConfigSecret.of("acr-login", "ci", DockerConfig.of("h.io", RegistryCredentials.of("u", "s3cr3t")));
        return assertThrows(EngineException.class, () -> new SecretApplier(client).apply(secret));
    }

    @Test
    void forbiddenSaysWhichRbacRuleIsMissing() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/ci/secrets/acr-login").andReturn(403, "{}").always();
        EngineException e = applyAndFail();
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(e.getMessage().contains("grant get, create, update and delete on secrets in \"ci\""), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    @Test
    void aMissingNamespaceIsNamed() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/ci/secrets/acr-login").andReturn(404, "{}").always();
        server.expect().post().withPath("/api/v1/namespaces/ci/secrets").andReturn(404, "{}").always();
        EngineException e = applyAndFail();
        assertTrue(e.getMessage().contains("namespace \"ci\" probably does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("kubectl create namespace ci"), e.getMessage());
    }
}
