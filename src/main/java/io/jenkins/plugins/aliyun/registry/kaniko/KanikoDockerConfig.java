package io.jenkins.plugins.aliyun.registry.kaniko;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractProject;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.engine.kube.KanikoPod;
import io.jenkins.plugins.aliyun.registry.engine.registry.ResolvedImage;
import io.jenkins.plugins.aliyun.registry.login.DockerConfigWrapper;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The block form for Kaniko: {@code kanikoDockerConfig(registry: 'acr-prod', repository: 'app') {
 * container('kaniko') { sh '/kaniko/executor --context . $KANIKO_DESTINATIONS' } }}. Kaniko reads
 * {@code $DOCKER_CONFIG/config.json}; the file lies next to the workspace, which the pod's containers
 * share. Besides the image variables it sets {@code KANIKO_DESTINATIONS}, one {@code --destination}
 * per tag. Pipeline only: freestyle jobs use {@link io.jenkins.plugins.aliyun.registry.login.AliyunRegistryLogin}.
 */
public class KanikoDockerConfig extends DockerConfigWrapper {

    @DataBoundConstructor
    public KanikoDockerConfig(String registry) {
        super(registry);
    }

    @Override
    protected Map<String, String> extraEnvironment(@CheckForNull ResolvedImage image) {
        return image == null
                ? Map.of()
                : Map.of("KANIKO_DESTINATIONS", KanikoPod.destinationArguments(image.references()));
    }

    @Extension
    @Symbol("kanikoDockerConfig")
    public static class DescriptorImpl extends DescriptorBase {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.KanikoDockerConfig_DisplayName();
        }

        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return false;
        }
    }
}
