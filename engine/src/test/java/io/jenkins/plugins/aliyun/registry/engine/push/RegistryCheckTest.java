package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryCheckTest {

    @Test
    void aCaCertificateWithoutAPemBlockIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryCheck.checkCaCertificate("not a certificate"));
        assertTrue(e.getMessage().contains("BEGIN CERTIFICATE"), e.getMessage());
    }

    @Test
    void relativeSourcePathsStartFromTheBaseDirectory() throws Exception {
        Path workspace = Path.of("/work/space");
        assertEquals("docker-archive:/work/space/build/image.tar",
                ImageSource.parse("docker-archive:build/image.tar", RegistryAccess.anonymous(), workspace).toString());
        assertEquals("docker-archive:/abs/image.tar",
                ImageSource.parse("docker-archive:/abs/image.tar", RegistryAccess.anonymous(), workspace).toString());
        assertTrue(ImageSource.parse("oci:layout:1.0", RegistryAccess.anonymous(), workspace).toString().startsWith("oci:/work/space/layout"));
    }

    @Test
    void onlyRegistrySourcesHaveARegistryHost() throws Exception {
        assertEquals(Optional.of("docker.io"), ImageSource.parse("docker://nginx:1.27", RegistryAccess.anonymous()).registryHost());
        assertEquals(Optional.empty(), ImageSource.parse("docker-archive:x.tar", RegistryAccess.anonymous()).registryHost());
    }
}
