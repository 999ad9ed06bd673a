package io.jenkins.plugins.aliyun.registry.catalogue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.util.FormValidation;
import io.jenkins.plugins.aliyun.registry.login.AliyunRegistryLogin;
import io.jenkins.plugins.aliyun.registry.push.PushImageStep;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Every namespace field is checked by the namespace rule, and its errors say "namespace". */
@WithJenkins
class NamespaceChecksTest {

    @Test
    void stepNamespaceFieldsSayNamespace(JenkinsRule j) {
        for (Function<String, FormValidation> check : List.<Function<String, FormValidation>>of(
                ImageFields::checkNamespace,
                j.jenkins.getDescriptorByType(PushImageStep.DescriptorImpl.class)::doCheckNamespace,
                j.jenkins.getDescriptorByType(AliyunRegistryLogin.DescriptorImpl.class)::doCheckNamespace)) {
            assertEquals(FormValidation.Kind.OK, check.apply("team").kind);
            assertEquals(FormValidation.Kind.OK, check.apply("").kind);
            assertEquals(FormValidation.Kind.OK, check.apply("  ").kind);
            assertEquals(FormValidation.Kind.OK, check.apply("${TEAM}").kind, "a build variable is left to the build");

            for (String bad : List.of("Team", "my team", "team/")) {
                FormValidation error = check.apply(bad);
                assertEquals(FormValidation.Kind.ERROR, error.kind, bad);
                assertThat(error.getMessage(), containsString("namespace"));
                assertThat(error.getMessage(), not(containsString("repository")));
            }
        }
    }

    @Test
    void theRepositoryFieldStillSaysRepository(JenkinsRule j) {
        FormValidation error = j.jenkins
                .getDescriptorByType(PushImageStep.DescriptorImpl.class)
                .doCheckRepository("Team/App");

        assertEquals(FormValidation.Kind.ERROR, error.kind);
        assertThat(error.getMessage(), containsString("repository"));
    }

    @Test
    void theCatalogueNamespaceSaysNamespace(JenkinsRule j) {
        RegistryDefinition.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(RegistryDefinition.DescriptorImpl.class);

        assertEquals(FormValidation.Kind.OK, descriptor.doCheckNamespace("team").kind);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckNamespace("").kind);
        FormValidation error = descriptor.doCheckNamespace("Team");
        assertEquals(FormValidation.Kind.ERROR, error.kind);
        assertThat(error.getMessage(), containsString("namespace"));
        assertThat(error.getMessage(), not(containsString("repository")));
    }
}
