package io.jenkins.plugins.aliyun.registry.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlTextInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class AliyunRegistryConfigurationTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** Catches a missing load() or save(), a misnamed getter or setter, and a misnamed form field. */
    @Test
    void uiAndStorageSurviveARestart() throws Throwable {
        RegistryDefinition acr = new RegistryDefinition("acr-prod", "crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com");
        acr.setNamespace("team");
        acr.setCredentialsId("acr-login");
        acr.setVpc(true);
        RegistryDefinition nexus = new RegistryDefinition("nexus", "nexus.example.com:8082");
        nexus.setInsecure(true);
        sessions.then(j -> {
            AliyunRegistryConfiguration config = AliyunRegistryConfiguration.get();
            assertNull(config.getDefaultTagTemplate(), "not set initially");
            config.setRegistries(List.of(acr, nexus));
            config.setKanikoNamespace("ci");
            try (JenkinsRule.WebClient client = j.createWebClient()) {
                HtmlForm form = client.goTo("configure").getFormByName("config");
                HtmlTextInput template = form.getInputByName("_.defaultTagTemplate");
                template.setText("${BRANCH_NAME}-${BUILD_NUMBER}");
                j.submit(form);
            }
            assertEquals(
                    "${BRANCH_NAME}-${BUILD_NUMBER}",
                    AliyunRegistryConfiguration.get().getDefaultTagTemplate());
            j.assertEqualDataBoundBeans(
                    List.of(acr, nexus), AliyunRegistryConfiguration.get().getRegistries());
        });
        sessions.then(j -> {
            AliyunRegistryConfiguration reloaded = AliyunRegistryConfiguration.get();
            assertEquals("${BRANCH_NAME}-${BUILD_NUMBER}", reloaded.getDefaultTagTemplate());
            assertEquals("ci", reloaded.getKanikoNamespace());
            j.assertEqualDataBoundBeans(List.of(acr, nexus), reloaded.getRegistries());
        });
    }
}
