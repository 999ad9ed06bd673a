package io.jenkins.plugins.aliyun.registry.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Create-or-update against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class SecretApplierTest {

    static final String HOST = "crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com";

    KubernetesMockServer server;
    KubernetesClient client;

    private static Secret secret(String password) throws Exception {
        return DockerConfigSecret.of("acr-login", "ci", DockerConfig.of(HOST, RegistryCredentials.of("dev@example.com", password)));
    }

    @Test
    void createsThenLeavesAnUnchangedSecretAloneThenUpdatesIt() throws Exception {
        SecretApplier applier = new SecretApplier(client);
        assertEquals(SecretApplier.Action.CREATED, applier.apply(secret("one")));
        assertEquals(SecretApplier.Action.UNCHANGED, applier.apply(secret("one")));
        assertEquals(SecretApplier.Action.UPDATED, applier.apply(secret("two")));

        Secret stored = client.secrets().inNamespace("ci").withName("acr-login").get();
        assertEquals(DockerConfigSecret.TYPE, stored.getType());
        assertEquals(secret("two").getData(), stored.getData());
    }

    @Test
    void anUpdateKeepsOtherKeysAndLabels() throws Exception {
        client.secrets().inNamespace("ci").resource(new SecretBuilder()
                .withNewMetadata().withName("acr-login").withNamespace("ci").withLabels(Map.of("team", "a")).endMetadata()
                .withType(DockerConfigSecret.TYPE)
                .withData(Map.of(DockerConfigSecret.DATA_KEY, "e30=", "note", "a2VlcA=="))
                .build()).create();

        assertEquals(SecretApplier.Action.UPDATED, new SecretApplier(client).apply(secret("pw")));

        Secret stored = client.secrets().inNamespace("ci").withName("acr-login").get();
        assertEquals("a2VlcA==", stored.getData().get("note"));
        assertEquals(secret("pw").getData().get(DockerConfigSecret.DATA_KEY), stored.getData().get(DockerConfigSecret.DATA_KEY));
        assertEquals("a", stored.getMetadata().getLabels().get("team"));
        assertEquals("aliyun-container-registry", stored.getMetadata().getLabels().get(DockerConfigSecret.MANAGED_BY_LABEL));
    }

    @Test
    void aSecretOfAnotherTypeIsDeletedAndCreatedAgain() throws Exception {
        client.secrets().inNamespace("ci").resource(new SecretBuilder()
                .withNewMetadata().withName("acr-login").withNamespace("ci").endMetadata()
                .withType("Opaque")
                .withData(Map.of("old", "eA=="))
                .build()).create();

        assertEquals(SecretApplier.Action.REPLACED, new SecretApplier(client).apply(secret("pw")));

        Secret stored = client.secrets().inNamespace("ci").withName("acr-login").get();
        assertEquals(DockerConfigSecret.TYPE, stored.getType());
        assertFalse(stored.getData().containsKey("old"));
    }

    @Test
    void secretsInOtherNamespacesAreNotTouched() throws Exception {
        new SecretApplier(client).apply(secret("pw"));
        assertTrue(client.secrets().inNamespace("default").list().getItems().isEmpty());
        assertEquals(1, client.secrets().inNamespace("ci").list().getItems().size());
    }

    @Test
    void anUnreachableApiServerIsExplainedWithoutTheSecret() throws Exception {
        Config config = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
        server.destroy();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            EngineException e = assertThrows(EngineException.class, () -> new SecretApplier(unreachable).apply(secret("s3cr3t-value")));
            assertTrue(e.getMessage().contains("cannot reach the Kubernetes API"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t-value"));
        }
    }
}
