package io.jenkins.plugins.aliyun.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistryDefinition;
import io.jenkins.plugins.aliyun.registry.kaniko.KanikoDockerConfig;
import io.jenkins.plugins.aliyun.registry.kaniko.KanikoDockerConfigSecretStep;
import io.jenkins.plugins.aliyun.registry.login.AdditionalRegistry;
import io.jenkins.plugins.aliyun.registry.login.AliyunRegistryLogin;
import io.jenkins.plugins.aliyun.registry.push.PushImageStep;
import io.jenkins.plugins.aliyun.registry.testing.Fixtures;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.verb.POST;

/** Form methods that touch credentials or the network require POST and the right permission. */
@WithJenkins
class FormPermissionsTest {

    private static final List<Class<?>> DESCRIPTORS = List.of(
            RegistryDefinition.DescriptorImpl.class,
            AliyunRegistryLogin.DescriptorImpl.class,
            KanikoDockerConfig.DescriptorImpl.class,
            AdditionalRegistry.DescriptorImpl.class,
            PushImageStep.DescriptorImpl.class,
            KanikoDockerConfigSecretStep.DescriptorImpl.class);

    private JenkinsRule j;
    private FreeStyleProject job;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        Fixtures.addCredentials("acr-login", Fixtures.USERNAME, Fixtures.PASSWORD);
        job = j.createFreeStyleProject("job");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
    }

    @Test
    void everyCredentialOrNetworkFormMethodIsPostOnly() {
        List<String> checked = new ArrayList<>();
        for (Class<?> descriptor : DESCRIPTORS) {
            for (Method m : descriptor.getMethods()) {
                String name = m.getName();
                boolean sensitive =
                        name.equals("doTestConnection") || name.matches("do(Fill|Check).*CredentialsId(Items)?");
                if (sensitive) {
                    assertTrue(m.isAnnotationPresent(POST.class), descriptor.getName() + "." + name + " must be @POST");
                    checked.add(descriptor.getSimpleName() + "." + name);
                }
            }
        }
        assertThat(checked, hasItem("DescriptorImpl.doTestConnection"));
        assertTrue(checked.size() >= 2 * DESCRIPTORS.size(), checked.toString());
    }

    @Test
    void jobCredentialsAreListedOnlyForUsersWhoMayConfigureTheJob() {
        PushImageStep.DescriptorImpl push = j.jenkins.getDescriptorByType(PushImageStep.DescriptorImpl.class);
        AliyunRegistryLogin.DescriptorImpl login =
                j.jenkins.getDescriptorByType(AliyunRegistryLogin.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(values(push.doFillCredentialsIdItems(job, "current")), contains("current"));
            assertThat(values(login.doFillCredentialsIdItems(job, "")), contains(""));
            assertEquals(FormValidation.Kind.OK, push.doCheckCredentialsId(job, "does-not-exist").kind);
        }
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            assertThat(values(push.doFillCredentialsIdItems(job, "")), hasItem("acr-login"));
            assertEquals(FormValidation.Kind.WARNING, push.doCheckCredentialsId(job, "does-not-exist").kind);
        }
    }

    @Test
    void globalCredentialsAndTheConnectionTestNeedAdministerPermission() {
        RegistryDefinition.DescriptorImpl d = j.jenkins.getDescriptorByType(RegistryDefinition.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            assertThat(values(d.doFillCredentialsIdItems("")), contains(""));
            assertThrows(
                    AccessDeniedException3.class,
                    () -> d.doTestConnection("127.0.0.1:1", "acr-login", false, true, null));
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(values(d.doFillCredentialsIdItems("")), hasItem("acr-login"));
            FormValidation refused = d.doTestConnection("127.0.0.1:1", "acr-login", false, true, null);
            assertEquals(FormValidation.Kind.ERROR, refused.kind);
            assertTrue(refused.getMessage().contains("127.0.0.1:1"), refused.getMessage());
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).toList();
    }
}
