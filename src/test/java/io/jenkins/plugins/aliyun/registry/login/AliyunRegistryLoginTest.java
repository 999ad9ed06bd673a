package io.jenkins.plugins.aliyun.registry.login;

import static io.jenkins.plugins.aliyun.registry.testing.Fixtures.PASSWORD;
import static io.jenkins.plugins.aliyun.registry.testing.Fixtures.USERNAME;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import hudson.util.FormValidation;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.testing.Fixtures;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class AliyunRegistryLoginTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String HOST = "crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com";

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        Fixtures.addCredentials("acr-login", USERNAME, PASSWORD);
        Fixtures.addCredentials("mirror-login", "mirror-user", "mirror-Pa55word-0123456789");
        Fixtures.addRegistry("acr-prod", HOST, "acr-login").setNamespace("team");
    }

    @Test
    void freestyleShellReadsDockerConfigAndNeverSeesThePasswordInTheLog() throws Exception {
        assumeFalse(Functions.isWindows(), "the build step is a shell script");
        FreeStyleProject p = j.createFreeStyleProject();
        AliyunRegistryLogin login = new AliyunRegistryLogin("acr-prod");
        login.setRepository("app");
        p.getBuildWrappersList().add(login);
        p.getBuildersList()
                .add(
                        new Shell(
                                "echo \"dir=$DOCKER_CONFIG\"; echo \"ref=$IMAGE_REFERENCE\"; cat \"$DOCKER_CONFIG/config.json\""));

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        j.assertLogContains("ref=" + HOST + "/team/app:" + b.getNumber(), b);
        j.assertLogContains("\"" + HOST + "\"", b);
        j.assertLogContains("****", b);
        j.assertLogNotContains(PASSWORD, b);
        j.assertLogNotContains(Fixtures.auth(USERNAME, PASSWORD), b);
        assertThat(Fixtures.filesContaining(b, PASSWORD), empty());
        assertThat(Fixtures.filesContaining(b, Fixtures.auth(USERNAME, PASSWORD)), empty());
        assertThat(Fixtures.leftoverDockerConfigs(b.getWorkspace()), empty());
        String log = JenkinsRule.getLog(b);
        String dir = log.substring(log.indexOf("dir=") + 4, log.indexOf('\n', log.indexOf("dir=")));
        assertThat(
                "outside the workspace",
                dir,
                not(containsString(b.getWorkspace().getRemote() + "/")));
    }

    @Test
    void freestyleFailingBuildStillRemovesTheConfig() throws Exception {
        assumeFalse(Functions.isWindows(), "the build step is a shell script");
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildWrappersList().add(new AliyunRegistryLogin("acr-prod"));
        p.getBuildersList().add(new Shell("test -s \"$DOCKER_CONFIG/config.json\" && exit 3"));

        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        assertThat(Fixtures.leftoverDockerConfigs(b.getWorkspace()), empty());
    }

    @Test
    void pipelineBlockSetsTheImageVariablesForSeveralRegistriesAndCleansUp() throws Exception {
        assumeFalse(Functions.isWindows(), "the body runs sh");
        WorkflowJob p = j.createProject(WorkflowJob.class, "login");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  def dir
                  aliyunRegistryLogin(registry: 'acr-prod', repository: 'app', tag: '1.0', component: 'backend',
                                      additionalRegistries: [[registry: 'mirror.example.com:5000', credentialsId: 'mirror-login']]) {
                    dir = env.DOCKER_CONFIG
                    sh 'echo "ref=$IMAGE_REFERENCE host=$REGISTRY_HOST"; cat "$DOCKER_CONFIG/config.json"'
                  }
                  echo "still there: ${fileExists(dir)}"
                }
                """, true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("ref=" + HOST + "/team/app:backend-1.0 host=" + HOST, b);
        j.assertLogContains("\"mirror.example.com:5000\"", b);
        j.assertLogContains("\"" + HOST + "\"", b);
        j.assertLogContains("still there: false", b);
        j.assertLogNotContains(PASSWORD, b);
        j.assertLogNotContains(Fixtures.auth(USERNAME, PASSWORD), b);
        j.assertLogNotContains("mirror-Pa55word-0123456789", b);
        assertThat(Fixtures.filesContaining(b, PASSWORD), empty());
        assertThat(Fixtures.leftoverDockerConfigs(j.jenkins.getWorkspaceFor(p)), empty());
    }

    @Test
    void pipelineFailingBodyStillRemovesTheConfig() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "failing");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  aliyunRegistryLogin(registry: 'acr-prod') {
                    echo "written=${fileExists(env.DOCKER_CONFIG + '/config.json')}"
                    error 'the body failed'
                  }
                }
                """, true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("written=true", b);
        j.assertLogContains("the body failed", b);
        List<String> left = Fixtures.leftoverDockerConfigs(j.jenkins.getWorkspaceFor(p));
        assertThat(left, empty());
    }

    @Test
    void wrongCredentialTypeOrUnknownIdFailsWithOneLine() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "unknown");
        p.setDefinition(new CpsFlowDefinition(
                "node { aliyunRegistryLogin(registry: 'acr-prod', credentialsId: 'nope') { echo 'never' } }", true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("No credentials with ID \"nope\"", b);
        j.assertLogNotContains("\tat ", b);
        j.assertLogNotContains("never", b);
    }

    @Test
    void legacyDomainWarnsInTheLog() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "legacy");
        p.setDefinition(new CpsFlowDefinition(
                "node { aliyunRegistryLogin(registry: 'registry.cn-hangzhou.aliyuncs.com', credentialsId: 'acr-login',"
                        + " namespace: 'team', repository: 'app') { echo \"ref=${env.IMAGE_REFERENCE}\" } }",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("crpi-<id>.cn-hangzhou.personal.cr.aliyuncs.com", b);
        j.assertLogContains("ref=registry.cn-hangzhou.aliyuncs.com/team/app:1", b);
    }

    /** With one catalogue entry an empty registry would pick it: the mirror's credential would log in to acr-prod. */
    @Test
    void anAdditionalRegistryWithoutRegistryIsRefused() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "no-registry");
        p.setDefinition(new CpsFlowDefinition(
                "node { aliyunRegistryLogin(registry: 'acr-prod', additionalRegistries: [[credentialsId: 'mirror-login']]) {"
                        + " echo 'never' } }",
                true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains(Messages.AdditionalRegistry_NoRegistry(), b);
        j.assertLogNotContains("\tat ", b);
        j.assertLogNotContains("never", b);
        assertThat(Fixtures.leftoverDockerConfigs(j.jenkins.getWorkspaceFor(p)), empty());
    }

    @Test
    void theFormRefusesAnAdditionalRegistryWithoutRegistry() {
        FormValidation check = j.jenkins
                .getDescriptorByType(AdditionalRegistry.DescriptorImpl.class)
                .doCheckRegistry("  ");
        assertEquals(FormValidation.Kind.ERROR, check.kind);
        assertThat(check.getMessage(), containsString("additionalRegistries"));
        assertThat(check.getMessage(), not(containsString("exactly one registry")));
    }

    /** Each registry's warnings, the additional ones' too and without a repository, once each. */
    @Test
    void legacyDomainsWarnForEveryRegistryOnce() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "legacy-several");
        p.setDefinition(new CpsFlowDefinition(
                "node { aliyunRegistryLogin(registry: 'registry.cn-hangzhou.aliyuncs.com', credentialsId: 'acr-login',"
                        + " additionalRegistries: [[registry: 'registry.cn-shanghai.aliyuncs.com', credentialsId: 'mirror-login']])"
                        + " { echo \"host=${env.REGISTRY_HOST}\" } }",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String log = JenkinsRule.getLog(b);
        assertEquals(1, occurrences(log, "crpi-<id>.cn-hangzhou.personal.cr.aliyuncs.com"), log);
        assertEquals(1, occurrences(log, "crpi-<id>.cn-shanghai.personal.cr.aliyuncs.com"), log);
        j.assertLogContains("host=registry.cn-hangzhou.aliyuncs.com", b);
    }

    @Test
    void aLegacyDomainWithARepositoryWarnsOnce() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "legacy-once");
        p.setDefinition(new CpsFlowDefinition(
                "node { aliyunRegistryLogin(registry: 'registry.cn-hangzhou.aliyuncs.com', credentialsId: 'acr-login',"
                        + " namespace: 'team', repository: 'app') { echo 'body' } }",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String log = JenkinsRule.getLog(b);
        assertEquals(1, occurrences(log, "crpi-<id>.cn-hangzhou.personal.cr.aliyuncs.com"), log);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
