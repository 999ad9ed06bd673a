package io.jenkins.plugins.aliyun.registry;

import hudson.model.FreeStyleProject;
import io.jenkins.plugins.aliyun.registry.kaniko.KanikoDockerConfig;
import io.jenkins.plugins.aliyun.registry.kaniko.KanikoDockerConfigSecretStep;
import io.jenkins.plugins.aliyun.registry.login.AdditionalRegistry;
import io.jenkins.plugins.aliyun.registry.login.AliyunRegistryLogin;
import io.jenkins.plugins.aliyun.registry.push.PushImageStep;
import io.jenkins.plugins.aliyun.registry.testing.Fixtures;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.CoreWrapperStep;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Every step and the wrapper survive the configuration form and the Snippet Generator unchanged. */
@WithJenkins
class SnippetAndConfigRoundTripTest {

    private JenkinsRule j;
    private SnippetizerTester snippets;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        snippets = new SnippetizerTester(j);
        Fixtures.addCredentials("acr-login", Fixtures.USERNAME, Fixtures.PASSWORD);
        Fixtures.addCredentials("mirror-login", "mirror", Fixtures.PASSWORD);
        Fixtures.addRegistry("acr-prod", "crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com", "acr-login");
    }

    @Test
    void pushImageRoundTrips() throws Exception {
        PushImageStep minimal = new PushImageStep("docker-archive:image.tar");
        snippets.assertRoundTrip(minimal, "pushImage 'docker-archive:image.tar'");
        j.assertEqualDataBoundBeans(minimal, new StepConfigTester(j).configRoundTrip(minimal));

        PushImageStep full = new PushImageStep("oci:build/layout:1.0");
        full.setRegistry("acr-prod");
        full.setCredentialsId("acr-login");
        full.setNamespace("team");
        full.setRepository("project");
        full.setTag("1.0");
        full.setAdditionalTags(List.of("latest", "stable"));
        full.setComponent("backend");
        full.setSourceCredentialsId("mirror-login");
        snippets.assertRoundTrip(
                full,
                "pushImage additionalTags: ['latest', 'stable'], component: 'backend', credentialsId: 'acr-login',"
                        + " namespace: 'team', registry: 'acr-prod', repository: 'project', source: 'oci:build/layout:1.0',"
                        + " sourceCredentialsId: 'mirror-login', tag: '1.0'");
        j.assertEqualDataBoundBeans(full, new StepConfigTester(j).configRoundTrip(full));
    }

    @Test
    void kanikoDockerConfigSecretRoundTrips() throws Exception {
        KanikoDockerConfigSecretStep step = new KanikoDockerConfigSecretStep();
        step.setRegistry("acr-prod");
        step.setSecretName("acr-kaniko");
        step.setKubernetesNamespace("ci");
        step.setImage("gcr.io/kaniko-project/executor:v1.23.2-debug");
        step.setContainer("builder");
        AdditionalRegistry mirror = new AdditionalRegistry("docker.io");
        mirror.setCredentialsId("mirror-login");
        step.setAdditionalRegistries(List.of(mirror));
        snippets.assertRoundTrip(
                step,
                "kanikoDockerConfigSecret additionalRegistries: [[credentialsId: 'mirror-login', registry: 'docker.io']],"
                        + " container: 'builder', image: 'gcr.io/kaniko-project/executor:v1.23.2-debug',"
                        + " kubernetesNamespace: 'ci', registry: 'acr-prod', secretName: 'acr-kaniko'");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }

    @Test
    void aliyunRegistryLoginRoundTripsInPipelineAndFreestyle() throws Exception {
        AliyunRegistryLogin login = new AliyunRegistryLogin("acr-prod");
        snippets.assertRoundTrip(new CoreWrapperStep(login), "aliyunRegistryLogin('acr-prod') {\n    // some block\n}");

        login.setCredentialsId("acr-login");
        login.setNamespace("team");
        login.setRepository("app");
        login.setTag("1.0");
        login.setComponent("backend");
        AdditionalRegistry mirror = new AdditionalRegistry("mirror.example.com:5000");
        mirror.setCredentialsId("mirror-login");
        login.setAdditionalRegistries(List.of(mirror));
        snippets.assertRoundTrip(
                new CoreWrapperStep(login),
                "aliyunRegistryLogin(additionalRegistries: [[credentialsId: 'mirror-login', registry: 'mirror.example.com:5000']],"
                        + " component: 'backend', credentialsId: 'acr-login', namespace: 'team', registry: 'acr-prod',"
                        + " repository: 'app', tag: '1.0') {\n    // some block\n}");

        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildWrappersList().add(login);
        j.configRoundtrip(p);
        j.assertEqualDataBoundBeans(login, p.getBuildWrappersList().get(AliyunRegistryLogin.class));
    }

    @Test
    void kanikoDockerConfigRoundTrips() throws Exception {
        KanikoDockerConfig block = new KanikoDockerConfig("acr-prod");
        block.setRepository("app");
        snippets.assertRoundTrip(
                new CoreWrapperStep(block),
                "kanikoDockerConfig(registry: 'acr-prod', repository: 'app') {\n    // some block\n}");
        j.assertEqualDataBoundBeans(
                new CoreWrapperStep(block), new StepConfigTester(j).configRoundTrip(new CoreWrapperStep(block)));
    }
}
