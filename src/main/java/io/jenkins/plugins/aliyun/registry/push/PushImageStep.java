package io.jenkins.plugins.aliyun.registry.push;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.catalogue.ImageFields;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistrySettings;
import io.jenkins.plugins.aliyun.registry.credentials.CredentialsChoices;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.push.ImageSource;
import io.jenkins.plugins.aliyun.registry.engine.reference.Tags;
import io.jenkins.plugins.aliyun.registry.engine.registry.ResolvedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def pushed = pushImage source: 'docker-archive:image.tar', registry: 'acr-prod', repository: 'app'}:
 * pushes an image without a Docker daemon, on the agent, and returns its reference, digest and tags.
 * Sources use skopeo's transport names: {@code docker-archive:PATH}, {@code oci:DIR[:TAG]} (paths
 * relative to the workspace) or {@code docker://REFERENCE} (copy from another registry).
 */
public final class PushImageStep extends Step {

    private final String source;
    private String registry;
    private String credentialsId;
    private String namespace;
    private String repository;
    private String tag;
    private List<String> additionalTags = new ArrayList<>();
    private String component;
    private String sourceCredentialsId;

    @DataBoundConstructor
    public PushImageStep(String source) {
        this.source = Util.fixEmptyAndTrim(source);
    }

    public String getSource() {
        return source;
    }

    public @CheckForNull String getRegistry() {
        return registry;
    }

    /** A catalogue name or a host; empty for the only catalogue entry. */
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

    public @CheckForNull String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Util.fixEmptyAndTrim(tag);
    }

    public @NonNull List<String> getAdditionalTags() {
        return List.copyOf(additionalTags);
    }

    @DataBoundSetter
    public void setAdditionalTags(List<String> additionalTags) {
        this.additionalTags = new ArrayList<>();
        if (additionalTags != null) {
            for (String t : additionalTags) {
                String trimmed = Util.fixEmptyAndTrim(t);
                if (trimmed != null) {
                    this.additionalTags.add(trimmed);
                }
            }
        }
    }

    /** The additional tags as the form shows them, space-separated. */
    public String getAdditionalTagsText() {
        return String.join(" ", additionalTags);
    }

    public @CheckForNull String getComponent() {
        return component;
    }

    /** ACR single-repository mode: every tag becomes {@code component-tag}. */
    @DataBoundSetter
    public void setComponent(String component) {
        this.component = Util.fixEmptyAndTrim(component);
    }

    public @CheckForNull String getSourceCredentialsId() {
        return sourceCredentialsId;
    }

    /** Credentials for a {@code docker://} source, if its registry is not in the catalogue. */
    @DataBoundSetter
    public void setSourceCredentialsId(String sourceCredentialsId) {
        this.sourceCredentialsId = Util.fixEmptyAndTrim(sourceCredentialsId);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<PushedImage> {

        private static final long serialVersionUID = 1L;

        private final transient PushImageStep step;

        Execution(PushImageStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected PushedImage run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            EnvVars env = getContext().get(EnvVars.class);

            RegistrySettings target = RegistrySettings.resolve(step.registry, step.credentialsId, step.namespace);
            ResolvedImage image =
                    target.resolveImage(step.repository, step.component, step.tag, step.additionalTags, env);
            image.warnings().forEach(w -> listener.getLogger().println("WARNING: " + w));
            AgentRegistryAccess sourceAccess = sourceAccess(run, env);
            AgentRegistryAccess destinationAccess = AgentRegistryAccess.forRun(run, target, env, false);

            FilePath temp = WorkspaceList.tempDir(workspace);
            String cache = temp == null
                    ? null
                    : temp.child("aliyun-container-registry-cache").getRemote();
            listener.getLogger().println(Messages.PushImageStep_Pushing(step.source, image.reference()));
            PushedImage pushed;
            try {
                pushed = workspace.act(new PushCallable(
                        step.source,
                        sourceAccess,
                        image.reference().toString(),
                        image.tags().additional(),
                        destinationAccess,
                        cache,
                        listener));
            } catch (PushCallable.PushFailedException e) {
                throw new AbortException(e.getMessage());
            }
            listener.getLogger()
                    .println(Messages.PushImageStep_Pushed(
                            pushed.getReference(), pushed.getDigest(), String.join(", ", pushed.getTags())));
            return pushed;
        }

        /**
         * Checks the source's syntax here, before anything reaches the network (its path is judged
         * on the agent, whose file system it names); a {@code docker://} source's registry gets what
         * the catalogue knows of it, a local source needs no access.
         */
        private AgentRegistryAccess sourceAccess(Run<?, ?> run, EnvVars env) throws AbortException {
            Optional<String> host;
            try {
                host = ImageSource.checkSyntax(step.source);
            } catch (InvalidInputException e) {
                throw new AbortException(e.getMessage());
            }
            if (host.isEmpty()) {
                return AgentRegistryAccess.anonymous();
            }
            return AgentRegistryAccess.forRun(
                    run, RegistrySettings.forHost(host.get(), step.sourceCredentialsId), env, true);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "pushImage";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PushImageStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }

        /** The form sends the additional tags as one space- or comma-separated text. */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws Descriptor.FormException {
            Object tags = formData.opt("additionalTags");
            if (tags instanceof String text) {
                JSONArray list = new JSONArray();
                list.addAll(Tags.splitList(text));
                formData.put("additionalTags", list);
            }
            return super.newInstance(req, formData);
        }

        /**
         * The engine's syntax check of a source (no file or network access, and no judgement of a
         * path by the controller's file system: the path is the agent's); {@code ${...}} is left to the run.
         */
        public FormValidation doCheckSource(@QueryParameter String value) {
            if (value != null && value.contains("${")) {
                return FormValidation.ok();
            }
            try {
                ImageSource.checkSyntax(value);
                return FormValidation.ok();
            } catch (InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
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

        public FormValidation doCheckAdditionalTags(@QueryParameter String value) {
            return ImageFields.checkTags(value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsChoices.forItem(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsChoices.checkForItem(item, value);
        }

        @POST
        public ListBoxModel doFillSourceCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String sourceCredentialsId) {
            return CredentialsChoices.forItem(item, sourceCredentialsId);
        }

        @POST
        public FormValidation doCheckSourceCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsChoices.checkForItem(item, value);
        }
    }
}
