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
                .withNewMetadata().withName("acr-login").withNamespace("ci").withLabels(Map.of("team", "a", DockerConfigSecret.MANAGED_BY_LABEL, "aliyun-container-registry")).endMetadata()
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
                .withNewMetadata().withName("acr-login").withNamespace("ci")
                .withLabels(Map.of(DockerConfigSecret.MANAGED_BY_LABEL, "aliyun-container-registry")).endMetadata()
                .withType("Opaque")
                .withData(Map.of("old", "eA=="))
                .build()).create();

        assertEquals(SecretApplier.Action.REPLACED, new SecretApplier(client).apply(secret("pw")));

        Secret stored = client.secrets().inNamespace("ci").withName("acr-login").get();
        assertEquals(DockerConfigSecret.TYPE, stored.getType());
        assertFalse(stored.getData().containsKey("old"));
    }

    private Secret existing(String type, Map<String, String> labels, Map<String, String> data) {
        return client.secrets().inNamespace("ci").resource(new SecretBuilder()
                .withNewMetadata().withName("acr-login").withNamespace("ci").withLabels(labels).endMetadata()
                .withType(type).withData(data).build()).create();
    }

    private void assertLeftAlone(Secret before, String type, String owner) throws Exception {
        EngineException e = assertThrows(EngineException.class, () -> new SecretApplier(client).apply(secret("s3cr3t-value")));
        String message = e.getMessage();
        assertTrue(message.startsWith("the Secret \"acr-login\" in namespace \"ci\" already exists (type " + type
                + ") and was not made by this plugin (" + owner + "), so it is left as it is: choose another Secret name"), message);
        assertTrue(message.contains("delete it (kubectl delete secret acr-login -n ci)"), message);
        assertTrue(message.contains("add the label yourself (kubectl label secret acr-login -n ci --overwrite"
                + " app.kubernetes.io/managed-by=aliyun-container-registry)"), message);
        assertFalse(message.contains("s3cr3t-value"), message);
        assertFalse(message.contains("\n"), message);
        Secret after = client.secrets().inNamespace("ci").withName("acr-login").get();
        assertEquals(before.getType(), after.getType());
        assertEquals(before.getData(), after.getData());
        assertEquals(before.getMetadata().getLabels(), after.getMetadata().getLabels());
        assertEquals(before.getMetadata().getUid(), after.getMetadata().getUid(), "not deleted and created again");
        assertEquals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(), "not updated");
    }

    /** A Secret of another kind that merely has the name (a TLS key, an Opaque token) is neither replaced nor written to. */
    @Test
    void anUnlabelledSecretOfAnotherTypeIsLeftAlone() throws Exception {
        Secret before = existing("Opaque", Map.of("team", "a"), Map.of("token", "dG9rZW4="));
        assertLeftAlone(before, "Opaque", "it has no label app.kubernetes.io/managed-by=aliyun-container-registry");

        Secret tls = client.secrets().inNamespace("ci").resource(new SecretBuilder()
                .withNewMetadata().withName("ingress-tls").withNamespace("ci").endMetadata()
                .withType("kubernetes.io/tls").withData(Map.of("tls.crt", "Y3J0", "tls.key", "a2V5")).build()).create();
        Secret login = DockerConfigSecret.of("ingress-tls", "ci", DockerConfig.of(HOST, RegistryCredentials.of("u", "pw")));
        EngineException e = assertThrows(EngineException.class, () -> new SecretApplier(client).apply(login));
        assertTrue(e.getMessage().startsWith("the Secret \"ingress-tls\" in namespace \"ci\" already exists (type kubernetes.io/tls)"),
                e.getMessage());
        assertEquals(tls.getData(), client.secrets().inNamespace("ci").withName("ingress-tls").get().getData());
    }

    /** A registry login someone made with kubectl (no label) is not overwritten with this plugin's logins. */
    @Test
    void anUnlabelledDockerConfigSecretIsLeftAlone() throws Exception {
        Secret before = existing(DockerConfigSecret.TYPE, Map.of(), Map.of(DockerConfigSecret.DATA_KEY, "e30="));
        assertLeftAlone(before, DockerConfigSecret.TYPE, "it has no label app.kubernetes.io/managed-by=aliyun-container-registry");
    }

    @Test
    void aSecretAnotherToolManagesIsLeftAlone() throws Exception {
        Secret before = existing(DockerConfigSecret.TYPE, Map.of(DockerConfigSecret.MANAGED_BY_LABEL, "Helm"),
                Map.of(DockerConfigSecret.DATA_KEY, "e30="));
        assertLeftAlone(before, DockerConfigSecret.TYPE, "its label app.kubernetes.io/managed-by is \"Helm\"");
    }

    @Test
    void aLabelledDockerConfigSecretIsUpdated() throws Exception {
        existing(DockerConfigSecret.TYPE, Map.of(DockerConfigSecret.MANAGED_BY_LABEL, "aliyun-container-registry"),
                Map.of(DockerConfigSecret.DATA_KEY, "e30="));
        assertEquals(SecretApplier.Action.UPDATED, new SecretApplier(client).apply(secret("pw")));
        assertEquals(secret("pw").getData(), client.secrets().inNamespace("ci").withName("acr-login").get().getData());
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
