package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerConfigSecretValuesTest {

    @Test
    void secretValuesCoverEveryFormThatRevealsAPassword() throws Exception {
        DockerConfig config = DockerConfig.of("crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com", RegistryCredentials.of("alice", "s3cr$t:pw"))
                .with("nexus.example.com:8082", RegistryCredentials.of("robot$ci", "other-pass"));
        Set<String> values = config.secretValues();
        String kubernetes = config.toKubernetesJson();
        assertTrue(values.contains("s3cr$t:pw"));
        assertTrue(values.contains("other-pass"));
        assertTrue(values.contains(Base64.getEncoder().encodeToString("alice:s3cr$t:pw".getBytes(StandardCharsets.UTF_8))));
        assertTrue(values.contains(kubernetes));
        assertTrue(values.contains(Base64.getEncoder().encodeToString(kubernetes.getBytes(StandardCharsets.UTF_8))));
        assertEquals(6, values.size());
    }

    @Test
    void everyLineOfTheConfigFileThatHoldsASecretContainsOneOfTheSecretValues() throws Exception {
        DockerConfig config = DockerConfig.of("registry.example.com", RegistryCredentials.of("bob", "pa ss\"word"));
        for (String line : config.toJson().split("\n")) {
            boolean revealing = line.contains("auth\"") && !line.contains("auths");
            if (revealing) {
                assertTrue(config.secretValues().stream().anyMatch(line::contains), line);
            }
        }
    }

    @Test
    void anEmptyConfigHasNoSecretValues() {
        assertTrue(DockerConfig.empty().secretValues().isEmpty());
    }
}
