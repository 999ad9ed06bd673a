package io.jenkins.plugins.aliyun.registry.engine.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The pod fragment that gives a Kaniko container its registry login: a volume from the Secret that
 * maps {@code .dockerconfigjson} to {@code config.json}, mounted at {@code /kaniko/.docker}, and
 * the Secret as {@code imagePullSecrets}. The kubernetes plugin merges it into a pod template
 * ({@code yaml:}); its {@code secretVolume} cannot map items, hence raw YAML.
 */
public final class KanikoPod {

    /**
     * The executor image used when none is given. Kaniko is archived upstream and its forks keep the
     * same paths: choose the image you trust and pass it instead.
     */
    public static final String DEFAULT_IMAGE = "gcr.io/kaniko-project/executor:debug";

    /** Where Kaniko reads {@code config.json}. */
    public static final String MOUNT_PATH = "/kaniko/.docker";

    /** The container name in the fragment. */
    public static final String DEFAULT_CONTAINER = "kaniko";

    static final String VOLUME = "kaniko-docker-config";

    private final String secretName;
    private final String image;
    private final String containerName;

    private KanikoPod(String secretName, String image, String containerName) {
        this.secretName = secretName;
        this.image = image;
        this.containerName = containerName;
    }

    /**
     * A fragment for the Secret {@code secretName}.
     *
     * @param image the executor image ({@code null} or empty for {@link #DEFAULT_IMAGE})
     * @param containerName the container's name ({@code null} or empty for {@value #DEFAULT_CONTAINER})
     */
    public static KanikoPod of(String secretName, String image, String containerName) throws InvalidInputException {
        KubernetesNames.validateSecretName(secretName);
        String img = image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip();
        ImageReference.parse(img);
        String container = containerName == null || containerName.isBlank() ? DEFAULT_CONTAINER : containerName.strip();
        KubernetesNames.validateNamespace(container); // container names follow the DNS-1123 label rule too
        return new KanikoPod(secretName, img, container);
    }

    /**
     * The executor's destination flags for these references, one {@code --destination=REF} per tag,
     * space-separated (references contain no spaces), e.g. for {@code /kaniko/executor $KANIKO_DESTINATIONS}.
     */
    public static String destinationArguments(Collection<ImageReference> references) {
        return references.stream().map(r -> "--destination=" + r).collect(Collectors.joining(" "));
    }

    /** The executor image. */
    public String getImage() {
        return image;
    }

    /** The pod fragment as a fabric8 object. */
    public Pod toPod() {
        return new PodBuilder()
                .withNewSpec()
                .addNewContainer()
                .withName(containerName)
                .withImage(image)
                // The debug images carry busybox: keep the container alive for the agent to exec into.
                .withCommand(List.of("/busybox/cat"))
                .withTty(true)
                .addNewVolumeMount().withName(VOLUME).withMountPath(MOUNT_PATH).withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName(VOLUME)
                .withNewSecret()
                .withSecretName(secretName)
                .addNewItem().withKey(DockerConfigSecret.DATA_KEY).withPath("config.json").endItem()
                .endSecret()
                .endVolume()
                .addNewImagePullSecret(secretName)
                .endSpec()
                .build();
    }

    /** The fragment as YAML, for a pod template's {@code yaml:} field. */
    public String toYaml() {
        String yaml = Serialization.asYaml(withKind(toPod()));
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    /** The fragment as JSON. */
    public String toJson() {
        return Serialization.asJson(withKind(toPod()));
    }

    private static Pod withKind(Pod pod) {
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        return pod;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KanikoPod that && secretName.equals(that.secretName) && image.equals(that.image)
                && containerName.equals(that.containerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretName, image, containerName);
    }
}
