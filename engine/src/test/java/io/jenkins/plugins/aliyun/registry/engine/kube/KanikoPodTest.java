package io.jenkins.plugins.aliyun.registry.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The pod fragment mounts the Secret's .dockerconfigjson as /kaniko/.docker/config.json (FACTS.md, Kubernetes). */
class KanikoPodTest {

    @Test
    void mountsTheSecretItemAsConfigJsonAtKanikoDocker() throws Exception {
        Pod pod = Serialization.unmarshal(KanikoPod.of("acr-login", "registry.example.com/tools/kaniko:v1.23.2-debug", null).toYaml(), Pod.class);

        Container kaniko = pod.getSpec().getContainers().get(0);
        assertEquals("kaniko", kaniko.getName());
        assertEquals("registry.example.com/tools/kaniko:v1.23.2-debug", kaniko.getImage());
        assertEquals("/kaniko/.docker", kaniko.getVolumeMounts().get(0).getMountPath());
        Volume volume = pod.getSpec().getVolumes().get(0);
        assertEquals(kaniko.getVolumeMounts().get(0).getName(), volume.getName());
        assertEquals("acr-login", volume.getSecret().getSecretName());
        assertEquals(".dockerconfigjson", volume.getSecret().getItems().get(0).getKey());
        assertEquals("config.json", volume.getSecret().getItems().get(0).getPath());
        assertEquals("acr-login", pod.getSpec().getImagePullSecrets().get(0).getName());
    }

    @Test
    void jsonAndYamlDescribeTheSamePod() throws Exception {
        KanikoPod fragment = KanikoPod.of("acr-login", null, "builder");
        assertEquals(Serialization.unmarshal(fragment.toYaml(), Pod.class), Serialization.unmarshal(fragment.toJson(), Pod.class));
        assertEquals(KanikoPod.DEFAULT_IMAGE, fragment.getImage());
        assertEquals("builder", fragment.toPod().getSpec().getContainers().get(0).getName());
    }

    @Test
    void anInvalidExecutorImageIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KanikoPod.of("acr-login", "Kaniko Executor", null));
        assertTrue(e.getMessage().contains("Kaniko Executor"), e.getMessage());
    }
}
