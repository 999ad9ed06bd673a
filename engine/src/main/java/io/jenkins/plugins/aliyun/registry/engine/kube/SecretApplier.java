package io.jenkins.plugins.aliyun.registry.engine.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Creates or updates a registry-login Secret in its namespace. An existing Secret keeps its other
 * data keys, labels and annotations; one of another type is deleted and created again, since a
 * Secret's type cannot change in place.
 */
public final class SecretApplier {

    /** What applying did. */
    public enum Action {
        CREATED, UPDATED, UNCHANGED, REPLACED;

        /** Lowercase, as the command line prints it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int CONFLICT_RETRIES = 3;

    private final KubernetesClient client;

    public SecretApplier(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Applies {@code secret} (built by {@link DockerConfigSecret#of}).
     *
     * @throws EngineException with the cause and the fix when the cluster refuses; never with the Secret's data
     */
    public Action apply(Secret secret) throws EngineException {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            try {
                return applyOnce(secret, namespace, name);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < CONFLICT_RETRIES) {
                    continue;
                }
                throw explain(e, namespace, name);
            }
        }
    }

    private Action applyOnce(Secret secret, String namespace, String name) {
        var resource = client.secrets().inNamespace(namespace).withName(name);
        Secret existing = resource.get();
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(secret).create();
            return Action.CREATED;
        }
        if (!DockerConfigSecret.TYPE.equals(existing.getType())) {
            resource.delete();
            client.secrets().inNamespace(namespace).resource(secret).create();
            return Action.REPLACED;
        }
        Map<String, String> data = new HashMap<>(existing.getData() == null ? Map.of() : existing.getData());
        Map<String, String> labels = new HashMap<>(existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels());
        boolean sameData = Objects.equals(data.get(DockerConfigSecret.DATA_KEY), secret.getData().get(DockerConfigSecret.DATA_KEY));
        boolean sameLabels = labels.entrySet().containsAll(secret.getMetadata().getLabels().entrySet());
        if (sameData && sameLabels && (existing.getStringData() == null || existing.getStringData().isEmpty())) {
            return Action.UNCHANGED;
        }
        data.putAll(secret.getData());
        labels.putAll(secret.getMetadata().getLabels());
        Secret updated = new SecretBuilder(existing)
                .editMetadata().withLabels(labels).endMetadata()
                .withData(data)
                .withStringData(null)
                .build();
        client.secrets().inNamespace(namespace).resource(updated).update();
        return Action.UPDATED;
    }

    private static EngineException explain(KubernetesClientException e, String namespace, String name) {
        String where = "Secret \"" + name + "\" in namespace \"" + namespace + "\"";
        return switch (e.getCode()) {
            case 401 -> new EngineException("Kubernetes rejected the login while writing the " + where
                    + " (HTTP 401): check the kubeconfig's user or token");
            case 403 -> new EngineException("Kubernetes refused to write the " + where
                    + " (HTTP 403): the account may not manage Secrets there; grant get, create, update and delete on secrets in \""
                    + namespace + "\" (a Role and RoleBinding), or use the namespace your agents run in");
            case 404 -> new EngineException("cannot write the " + where + " (HTTP 404): the namespace \"" + namespace
                    + "\" probably does not exist; create it (kubectl create namespace " + namespace + ") or use the namespace your Kaniko pods run in");
            case 422 -> new EngineException("Kubernetes found the " + where + " invalid (HTTP 422): "
                    + (e.getStatus() != null && e.getStatus().getReason() != null ? e.getStatus().getReason() : "check its name and namespace"));
            case 0, -1 -> new EngineException("cannot reach the Kubernetes API to write the " + where + ": "
                    + rootCause(e) + "; check the kubeconfig's server address and that the cluster is up");
            default -> new EngineException("Kubernetes answered HTTP " + e.getCode() + " while writing the " + where
                    + "; retry, and check the API server's health if it persists");
        };
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
