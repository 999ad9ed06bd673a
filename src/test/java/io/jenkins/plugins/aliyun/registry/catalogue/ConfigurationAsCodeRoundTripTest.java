package io.jenkins.plugins.aliyun.registry.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/** Applies the YAML, checks it, applies it again through the UI, and again after a restart. */
class ConfigurationAsCodeRoundTripTest extends AbstractRoundTripTest {

    @Override
    protected String configResource() {
        return "configuration-as-code.yml";
    }

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        AliyunRegistryConfiguration config = AliyunRegistryConfiguration.get();
        assertEquals(2, config.getRegistries().size());
        assertEquals("acr-prod", config.getRegistries().get(0).getName());
        assertEquals("${BRANCH_NAME}-${BUILD_NUMBER}", config.getDefaultTagTemplate());
    }

    @Override
    protected String stringInLogExpected() {
        return "nexus.example.com:8082";
    }
}
