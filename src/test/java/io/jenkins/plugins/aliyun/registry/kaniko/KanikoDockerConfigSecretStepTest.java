package io.jenkins.plugins.aliyun.registry.kaniko;

import hudson.model.Result;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.testing.Fixtures;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The logins of {@code kanikoDockerConfigSecret}, which are checked before the cluster is contacted. */
@WithJenkins
class KanikoDockerConfigSecretStepTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        Fixtures.addCredentials("acr-login", Fixtures.USERNAME, Fixtures.PASSWORD);
        Fixtures.addCredentials("mirror-login", "mirror-user", "mirror-Pa55word-0123456789");
        Fixtures.addRegistry("acr-prod", "registry.cn-hangzhou.aliyuncs.com", "acr-login");
    }

    /** The legacy domain's warning is printed; an entry without registry is refused instead of logging in to acr-prod. */
    @Test
    void warnsForTheRegistryAndRefusesAnAdditionalRegistryWithoutRegistry() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "kaniko-secret");
        p.setDefinition(new CpsFlowDefinition(
                "kanikoDockerConfigSecret(registry: 'acr-prod', additionalRegistries: [[credentialsId: 'mirror-login']],"
                        + " secretName: 'acr-login', kubernetesNamespace: 'ci')",
                true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("WARNING: ", b);
        j.assertLogContains("crpi-<id>.cn-hangzhou.personal.cr.aliyuncs.com", b);
        j.assertLogContains(Messages.AdditionalRegistry_NoRegistry(), b);
        j.assertLogNotContains("\tat ", b);
        j.assertLogNotContains(Fixtures.PASSWORD, b);
        j.assertLogNotContains("mirror-Pa55word-0123456789", b);
    }
}
