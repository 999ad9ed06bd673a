package io.jenkins.plugins.aliyun.registry.push;

import static io.jenkins.plugins.aliyun.registry.testing.Fixtures.PASSWORD;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.aliyun.registry.testing.DockerArchives;
import io.jenkins.plugins.aliyun.registry.testing.Fixtures;
import io.jenkins.plugins.aliyun.registry.testing.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
class PushImageStepTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void pipelinePushesATarballFromTheWorkspaceAndEchoesTheDigest() throws Exception {
        try (TestRegistry registry = TestRegistry.http()) {
            Fixtures.addRegistry("local", registry.host(), null).setInsecure(true);
            WorkflowJob p = j.createProject(WorkflowJob.class, "push");
            FilePath workspace = j.jenkins.getWorkspaceFor(p);
            DockerArchives.write(workspace.child("build/image.tar"), "hello from the test");
            p.setDefinition(new CpsFlowDefinition("""
                    node {
                      def pushed = pushImage(source: 'docker-archive:build/image.tar', registry: 'local',
                                             namespace: 'team', repository: 'app', tag: '1.0', additionalTags: ['latest'])
                      echo "reference=${pushed.reference} digest=${pushed.digest} tags=${pushed.tags}"
                    }
                    """, true));

            WorkflowRun b = j.buildAndAssertSuccess(p);

            String digest = manifestDigest(registry, "team/app", "1.0");
            j.assertLogContains(
                    "reference=" + registry.host() + "/team/app:1.0 digest=" + digest + " tags=[1.0, latest]", b);
            j.assertLogContains(registry.host() + " speaks plain HTTP", b);
            assertThat(digest, org.hamcrest.Matchers.equalTo(manifestDigest(registry, "team/app", "latest")));
        }
    }

    @Test
    void selfSignedRegistryWithCaCertificateAndPasswordNeverInTheLogOrBuildDirectory() throws Exception {
        try (TestRegistry registry = TestRegistry.tls("alice", PASSWORD)) {
            Fixtures.addCredentials("registry-login", "alice", PASSWORD);
            Fixtures.addRegistry("private", registry.host(), "registry-login")
                    .setCaCertificate(registry.certificatePem());
            WorkflowJob p = j.createProject(WorkflowJob.class, "tls");
            DockerArchives.write(j.jenkins.getWorkspaceFor(p).child("image.tar"), "over TLS");
            p.setDefinition(new CpsFlowDefinition("""
                    node {
                      def pushed = pushImage source: 'docker-archive:image.tar', registry: 'private', repository: 'team/app', tag: '7'
                      echo "digest=${pushed.digest}"
                    }
                    """, true));

            WorkflowRun b = j.buildAndAssertSuccess(p);

            j.assertLogContains("digest=sha256:", b);
            j.assertLogNotContains(PASSWORD, b);
            assertThat(Fixtures.filesContaining(b, PASSWORD), empty());
            assertThat(Fixtures.filesContaining(b, Fixtures.auth("alice", PASSWORD)), empty());
        }
    }

    @Test
    void badInputFailsBeforeAnyNetworkCallWithOneLine() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "bad");
        p.setDefinition(new CpsFlowDefinition(
                "node { pushImage source: 'docker-archive:image.tar', registry: 'crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com',"
                        + " repository: 'team/a/b', tag: '1' }",
                true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("ACR personal and default instances accept only", b);
        j.assertLogNotContains("\tat ", b);
    }

    private static String manifestDigest(TestRegistry registry, String repository, String tag) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://" + registry.host() + "/v2/" + repository + "/manifests/" + tag))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .header(
                                        "Accept",
                                        "application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
