package io.jenkins.plugins.aliyun.registry.catalogue;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void catalogueIsConfiguredFromYaml(JenkinsConfiguredWithCodeRule j) {
        AliyunRegistryConfiguration config = AliyunRegistryConfiguration.get();
        assertEquals("${BRANCH_NAME}-${BUILD_NUMBER}", config.getDefaultTagTemplate());
        assertEquals("ci", config.getKanikoNamespace());
        assertEquals("kaniko-docker-config", config.getKanikoSecretName());
        assertEquals("gcr.io/kaniko-project/executor:v1.23.2-debug", config.getKanikoImage());
        List<RegistryDefinition> registries = config.getRegistries();
        assertEquals(2, registries.size());
        RegistryDefinition acr = registries.get(0);
        assertEquals("acr-prod", acr.getName());
        assertEquals("crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com", acr.getHost());
        assertEquals("team", acr.getNamespace());
        assertEquals("acr-login", acr.getCredentialsId());
        assertTrue(acr.isVpc());
        assertFalse(acr.isInsecure());
        RegistryDefinition nexus = registries.get(1);
        assertEquals("nexus.example.com:8082", nexus.getHost());
        assertTrue(nexus.isInsecure());
        assertNull(nexus.getCredentialsId());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void catalogueExportsAsItWasConfigured(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode catalogue = getUnclassifiedRoot(context).get("aliyunContainerRegistry");

        assertEquals(toStringFromYamlFile(this, "expected-export.yml"), toYamlString(catalogue));
    }
}
