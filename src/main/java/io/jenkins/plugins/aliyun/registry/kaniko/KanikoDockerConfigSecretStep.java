package io.jenkins.plugins.aliyun.registry.kaniko;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.catalogue.AliyunRegistryConfiguration;
import io.jenkins.plugins.aliyun.registry.catalogue.ImageFields;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistrySettings;
import io.jenkins.plugins.aliyun.registry.credentials.CredentialsChoices;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.kube.DockerConfigSecret;
import io.jenkins.plugins.aliyun.registry.engine.kube.KanikoPod;
import io.jenkins.plugins.aliyun.registry.engine.kube.KubernetesClientConfig;
import io.jenkins.plugins.aliyun.registry.engine.kube.SecretApplier;
import io.jenkins.plugins.aliyun.registry.login.AdditionalRegistry;
import io.jenkins.plugins.aliyun.registry.login.DockerLogins;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Secret form for Kaniko: {@code def podYaml = kanikoDockerConfigSecret(registry: 'acr-prod')}
 * creates or updates a {@code kubernetes.io/dockerconfigjson} Secret (from the controller, through
 * kubernetes-client-api) and returns the pod YAML that mounts it at {@code /kaniko/.docker} and
 * pulls with it, for {@code podTemplate(yaml: podYaml)}. Needs no agent.
 */
public final class KanikoDockerConfigSecretStep extends Step {

    private String registry;
    private String credentialsId;
    private List<AdditionalRegistry> additionalRegistries = new ArrayList<>();
    private String secretName;
    private String kubernetesNamespace;
    private String image;
    private String container;

    @DataBoundConstructor
    public KanikoDockerConfigSecretStep() {}

    public @CheckForNull String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = Util.fixEmptyAndTrim(registry);
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public @NonNull List<AdditionalRegistry> getAdditionalRegistries() {
        return List.copyOf(additionalRegistries);
    }

    @DataBoundSetter
    public void setAdditionalRegistries(List<AdditionalRegistry> additionalRegistries) {
        this.additionalRegistries =
                additionalRegistries == null ? new ArrayList<>() : new ArrayList<>(additionalRegistries);
    }

    public @CheckForNull String getSecretName() {
        return secretName;
    }

    @DataBoundSetter
    public void setSecretName(String secretName) {
        this.secretName = Util.fixEmptyAndTrim(secretName);
    }

    public @CheckForNull String getKubernetesNamespace() {
        return kubernetesNamespace;
    }

    @DataBoundSetter
    public void setKubernetesNamespace(String kubernetesNamespace) {
        this.kubernetesNamespace = Util.fixEmptyAndTrim(kubernetesNamespace);
    }

    public @CheckForNull String getImage() {
        return image;
    }

    /** The Kaniko executor image in the pod YAML. */
    @DataBoundSetter
    public void setImage(String image) {
        this.image = Util.fixEmptyAndTrim(image);
    }

    public @CheckForNull String getContainer() {
        return container;
    }

    /** The container's name in the pod YAML (default {@code kaniko}). */
    @DataBoundSetter
    public void setContainer(String container) {
        this.container = Util.fixEmptyAndTrim(container);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        private final transient KanikoDockerConfigSecretStep step;

        Execution(KanikoDockerConfigSecretStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            AliyunRegistryConfiguration defaults = AliyunRegistryConfiguration.get();

            DockerLogins logins = new DockerLogins(run, listener);
            logins.add(RegistrySettings.resolve(step.registry, step.credentialsId, null));
            logins.addAll(step.additionalRegistries);
            DockerConfig config = logins.config();
            String name = first(step.secretName, defaults.getKanikoSecretName());
            if (name == null) {
                throw new AbortException(Messages.KanikoDockerConfigSecret_NoSecretName());
            }
            Config kubernetes = kubernetesConfig();
            String namespace =
                    first(step.kubernetesNamespace, defaults.getKanikoNamespace(), kubernetes.getNamespace());
            if (namespace == null) {
                throw new AbortException(Messages.KanikoDockerConfigSecret_NoNamespace());
            }
            try {
                Secret secret = DockerConfigSecret.of(name, namespace, config);
                // also turns a client that cannot be set up (an unreadable client key or CA) into a message
                SecretApplier.Action action = SecretApplier.applyWith(kubernetes, secret);
                listener.getLogger().println(Messages.KanikoDockerConfigSecret_Applied(name, namespace, action.id()));
                return KanikoPod.of(name, first(step.image, defaults.getKanikoImage()), step.container)
                        .toYaml();
            } catch (EngineException e) {
                throw new AbortException(e.getMessage());
            }
        }

        /**
         * The controller's view of the cluster: kubeconfig, or the service account when Jenkins runs in a pod;
         * with the engine's retry limit, so that an unreachable cluster fails the step instead of holding it.
         */
        private static Config kubernetesConfig() throws AbortException {
            try {
                return KubernetesClientConfig.load(null, null);
            } catch (EngineException e) {
                throw new AbortException(Messages.KanikoDockerConfigSecret_Unreachable(e.getMessage()));
            }
        }

        private static @CheckForNull String first(String... values) {
            for (String v : values) {
                if (Util.fixEmptyAndTrim(v) != null) {
                    return v.strip();
                }
            }
            return null;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "kanikoDockerConfigSecret";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.KanikoDockerConfigSecret_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public ComboBoxModel doFillRegistryItems() {
            return ImageFields.registryNames();
        }

        public FormValidation doCheckRegistry(@QueryParameter String value) {
            return ImageFields.checkRegistry(value);
        }

        public FormValidation doCheckSecretName(@QueryParameter String value) {
            return AliyunRegistryConfiguration.get().doCheckKanikoSecretName(value);
        }

        public FormValidation doCheckKubernetesNamespace(@QueryParameter String value) {
            return AliyunRegistryConfiguration.get().doCheckKanikoNamespace(value);
        }

        public FormValidation doCheckImage(@QueryParameter String value) {
            return AliyunRegistryConfiguration.get().doCheckKanikoImage(value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsChoices.forItem(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsChoices.checkForItem(item, value);
        }
    }
}
