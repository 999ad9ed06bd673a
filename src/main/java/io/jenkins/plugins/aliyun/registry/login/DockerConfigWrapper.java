package io.jenkins.plugins.aliyun.registry.login;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.catalogue.ImageFields;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistrySettings;
import io.jenkins.plugins.aliyun.registry.credentials.CredentialsChoices;
import io.jenkins.plugins.aliyun.registry.credentials.SecretMasking;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.registry.ResolvedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.tasks.SimpleBuildWrapper;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A block with a docker {@code config.json} for one or more registries: written on the agent into
 * a private directory next to the workspace ({@code workspace@tmp}), {@code DOCKER_CONFIG} pointing
 * at it, removed when the block ends (also on failure and abort). With a repository it also names the
 * image: {@code REGISTRY_HOST}, {@code IMAGE_NAME}, {@code IMAGE_TAG}, {@code IMAGE_REFERENCE},
 * {@code IMAGE_REFERENCES}. Passwords and the login strings are masked in the log.
 */
public abstract class DockerConfigWrapper extends SimpleBuildWrapper {

    private final String registry;
    private String credentialsId;
    private String namespace;
    private String repository;
    private String component;
    private String tag;
    private List<AdditionalRegistry> additionalRegistries = new ArrayList<>();

    /** The secrets of this Pipeline block, between {@link #setUp} and {@link #createLoggerDecorator}. */
    private transient Set<String> blockSecrets;

    protected DockerConfigWrapper(String registry) {
        this.registry = Util.fixEmptyAndTrim(registry);
    }

    /** A catalogue name or a host ({@code host[:port][/namespace]}); empty for the only catalogue entry. */
    public @CheckForNull String getRegistry() {
        return registry;
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public @CheckForNull String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public @CheckForNull String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = Util.fixEmptyAndTrim(repository);
    }

    public @CheckForNull String getComponent() {
        return component;
    }

    @DataBoundSetter
    public void setComponent(String component) {
        this.component = Util.fixEmptyAndTrim(component);
    }

    public @CheckForNull String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Util.fixEmptyAndTrim(tag);
    }

    public @NonNull List<AdditionalRegistry> getAdditionalRegistries() {
        return additionalRegistries == null ? List.of() : List.copyOf(additionalRegistries);
    }

    @DataBoundSetter
    public void setAdditionalRegistries(List<AdditionalRegistry> additionalRegistries) {
        this.additionalRegistries =
                additionalRegistries == null ? new ArrayList<>() : new ArrayList<>(additionalRegistries);
    }

    protected Object readResolve() {
        if (additionalRegistries == null) {
            additionalRegistries = new ArrayList<>();
        }
        return this;
    }

    /** Variables a subclass adds for its body, computed from the image (null when no repository is given). */
    protected Map<String, String> extraEnvironment(@CheckForNull ResolvedImage image) {
        return Map.of();
    }

    @Override
    public void setUp(
            Context context,
            Run<?, ?> build,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener,
            EnvVars initialEnvironment)
            throws IOException, InterruptedException {
        RegistrySettings target = RegistrySettings.resolve(registry, credentialsId, namespace);
        ResolvedImage image = repository == null
                ? null
                : target.resolveImage(repository, component, tag, List.of(), initialEnvironment);
        DockerLogins logins = new DockerLogins(build, listener);
        String host = logins.add(target);
        logins.addAll(getAdditionalRegistries());
        DockerConfig config = logins.config();

        Set<String> secrets = config.secretValues();
        if (build instanceof AbstractBuild<?, ?> freestyle) {
            SecretMasking.addForFreestyle(freestyle, secrets);
        } else {
            blockSecrets = secrets;
        }

        FilePath parent = WorkspaceList.tempDir(workspace);
        if (parent == null) {
            throw new AbortException(Messages.AliyunRegistryLogin_NoTempDir(workspace.getRemote()));
        }
        String directory = parent.act(new WriteDockerConfig(Secret.fromString(config.toJson())));
        context.setDisposer(new DeleteDockerConfig(directory));
        context.env("DOCKER_CONFIG", directory);
        listener.getLogger().println(Messages.AliyunRegistryLogin_Wrote(String.join(", ", logins.hosts()), directory));
        if (image != null) {
            image.environment().forEach(context::env);
            logins.warn(image.warnings());
            listener.getLogger().println(Messages.AliyunRegistryLogin_Image(image.reference()));
        } else {
            context.env("REGISTRY_HOST", host);
        }
        extraEnvironment(image).forEach(context::env);
    }

    @Override
    public ConsoleLogFilter createLoggerDecorator(@NonNull Run<?, ?> build) {
        if (build instanceof AbstractBuild) {
            // Freestyle: called before setUp, once per build; the secrets are looked up when lines arrive.
            return SecretMasking.lazyFilter();
        }
        Set<String> secrets = blockSecrets;
        return secrets == null || secrets.isEmpty() ? null : SecretMasking.fixedFilter(secrets, build);
    }

    /** Form checks and choices shared by the wrappers' descriptors. */
    public abstract static class DescriptorBase extends BuildWrapperDescriptor {

        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        public ComboBoxModel doFillRegistryItems() {
            return ImageFields.registryNames();
        }

        public FormValidation doCheckRegistry(@QueryParameter String value) {
            return ImageFields.checkRegistry(value);
        }

        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return ImageFields.checkNamespace(value);
        }

        public FormValidation doCheckRepository(@QueryParameter String value) {
            return ImageFields.checkPath(value);
        }

        public FormValidation doCheckTag(@QueryParameter String value) {
            return ImageFields.checkTag(value);
        }

        public FormValidation doCheckComponent(@QueryParameter String value) {
            return ImageFields.checkComponent(value);
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
