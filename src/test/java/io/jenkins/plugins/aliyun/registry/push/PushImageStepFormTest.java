package io.jenkins.plugins.aliyun.registry.push;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The pushImage form's checks of its tag fields, by the engine's rules. */
@WithJenkins
class PushImageStepFormTest {

    @Test
    void theAdditionalTagsFieldChecksEveryTagOfItsList(JenkinsRule j) {
        PushImageStep.DescriptorImpl form = j.jenkins.getDescriptorByType(PushImageStep.DescriptorImpl.class);

        assertEquals(FormValidation.Kind.OK, form.doCheckAdditionalTags("latest, stable v1.2").kind);
        assertEquals(FormValidation.Kind.OK, form.doCheckAdditionalTags("").kind);
        assertEquals(
                FormValidation.Kind.OK,
                form.doCheckAdditionalTags("latest ${BRANCH_NAME}").kind,
                "a build variable is left to the build");

        FormValidation error = form.doCheckAdditionalTags("latest, feature/x");
        assertEquals(FormValidation.Kind.ERROR, error.kind);
        assertThat(error.getMessage(), containsString("feature/x"));
        assertThat(error.getMessage(), containsString("feature-x"));
    }

    @Test
    void theComponentFieldLeavesRoomForATag(JenkinsRule j) {
        PushImageStep.DescriptorImpl form = j.jenkins.getDescriptorByType(PushImageStep.DescriptorImpl.class);

        assertEquals(FormValidation.Kind.OK, form.doCheckComponent("backend").kind);
        FormValidation error = form.doCheckComponent("b".repeat(127));
        assertEquals(FormValidation.Kind.ERROR, error.kind);
        assertThat(error.getMessage(), containsString("at most 126"));
    }
}
