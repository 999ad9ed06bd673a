package io.jenkins.plugins.aliyun.registry.catalogue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The catalogue form explains a host as it is typed: syntax only, no network. */
@WithJenkins
class RegistryDefinitionChecksTest {

    @Test
    void personalInstanceShowsKindRegionAndVpcForm(JenkinsRule j) {
        FormValidation personal = descriptor(j).doCheckHost("crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com", false);

        assertEquals(FormValidation.Kind.OK, personal.kind);
        assertThat(personal.renderHtml(), containsString("acr-personal"));
        assertThat(personal.renderHtml(), containsString("cn-hangzhou"));
        assertThat(personal.renderHtml(), containsString("crpi-abc-vpc.cn-hangzhou.personal.cr.aliyuncs.com"));
    }

    @Test
    void legacyDomainWarnsThatPersonalInstancesAreDenied(JenkinsRule j) {
        FormValidation legacy = descriptor(j).doCheckHost("registry.cn-hangzhou.aliyuncs.com", false);

        assertEquals(FormValidation.Kind.WARNING, legacy.kind);
        assertThat(legacy.renderHtml(), containsString("requested access to the resource is denied"));
    }

    @Test
    void httpSchemeAndVpcForANonAcrHostAreErrors(JenkinsRule j) {
        assertEquals(FormValidation.Kind.ERROR, descriptor(j).doCheckHost("http://nexus.example.com:8082", false).kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor(j).doCheckHost("nexus.example.com:8082", true).kind);
    }

    @Test
    void aNameMayNotLookLikeAHost(JenkinsRule j) {
        assertEquals(FormValidation.Kind.ERROR, descriptor(j).doCheckName("acr.prod").kind);
        assertEquals(FormValidation.Kind.OK, descriptor(j).doCheckName("acr-prod").kind);
    }

    private static RegistryDefinition.DescriptorImpl descriptor(JenkinsRule j) {
        return j.jenkins.getDescriptorByType(RegistryDefinition.DescriptorImpl.class);
    }
}
