package io.jenkins.plugins.aliyun.registry.engine.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code kubernetes.io/dockerconfigjson} Secret Kaniko mounts: the same content
 * {@code kubectl create secret docker-registry} produces (key {@code .dockerconfigjson}, with
 * {@code username}, {@code password} and {@code auth} per registry).
 */
public final class DockerConfigSecret {

    /** The Secret type for registry logins. */
    public static final String TYPE = "kubernetes.io/dockerconfigjson";

    /** The data key that type requires. */
    public static final String DATA_KEY = ".dockerconfigjson";

    /** The label that marks Secrets this tool manages. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    static final String MANAGED_BY = "aliyun-container-registry";

    private DockerConfigSecret() {}

    /**
     * Builds the Secret.
     *
     * @throws InvalidInputException if a name is not valid in Kubernetes or the config is empty
     */
    public static Secret of(String name, String namespace, DockerConfig config) throws InvalidInputException {
        KubernetesNames.validateSecretName(name);
        KubernetesNames.validateNamespace(namespace);
        if (config.size() == 0) {
            throw new InvalidInputException("the Secret \"" + name + "\" would hold no registry login: give a registry, username and password");
        }
        String encoded = Base64.getEncoder().encodeToString(config.toKubernetesJson().getBytes(StandardCharsets.UTF_8));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of(MANAGED_BY_LABEL, MANAGED_BY))
                .endMetadata()
                .withType(TYPE)
                .withData(Map.of(DATA_KEY, encoded))
                .build();
    }
}
