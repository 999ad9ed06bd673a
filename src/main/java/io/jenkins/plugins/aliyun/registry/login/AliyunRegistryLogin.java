package io.jenkins.plugins.aliyun.registry.login;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.aliyun.registry.Messages;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code aliyunRegistryLogin(registry: 'acr-prod', repository: 'app') { sh 'docker push $IMAGE_REFERENCE' }}:
 * a docker login for the body, in Pipeline and as a freestyle "Build Environment" option.
 */
public class AliyunRegistryLogin extends DockerConfigWrapper {

    @DataBoundConstructor
    public AliyunRegistryLogin(String registry) {
        super(registry);
    }

    @Extension
    @Symbol("aliyunRegistryLogin")
    public static class DescriptorImpl extends DescriptorBase {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AliyunRegistryLogin_DisplayName();
        }
    }
}
