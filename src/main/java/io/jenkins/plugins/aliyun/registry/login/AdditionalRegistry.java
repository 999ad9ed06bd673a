package io.jenkins.plugins.aliyun.registry.login;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.catalogue.ImageFields;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistrySettings;
import io.jenkins.plugins.aliyun.registry.credentials.CredentialsChoices;
import java.util.Objects;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A further registry to log in to in the same block, e.g. a pull mirror beside the push target:
 * {@code additionalRegistries: [[registry: 'hub-mirror', credentialsId: 'mirror-login']]}.
 */
public class AdditionalRegistry implements Describable<AdditionalRegistry> {

    private final String registry;
    private String credentialsId;

    @DataBoundConstructor
    public AdditionalRegistry(String registry) {
        this.registry = Util.fixEmptyAndTrim(registry);
    }

    /** A catalogue name or a host; needed (null only in a configuration the step then refuses). */
    public @CheckForNull String getRegistry() {
        return registry;
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    /** Overrides the catalogue entry's credentials. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /**
     * The registry settings of this entry. Unlike the block's own registry it has no default: an
     * empty one would pick the only catalogue entry, i.e. log in to the main registry again with
     * this entry's credentials.
     *
     * @throws AbortException if no registry is given, or {@link RegistrySettings#resolve} refuses it
     */
    public @NonNull RegistrySettings resolve() throws AbortException {
        if (registry == null) {
            throw new AbortException(Messages.AdditionalRegistry_NoRegistry());
        }
        return RegistrySettings.resolve(registry, credentialsId, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdditionalRegistry that
                && Objects.equals(registry, that.registry)
                && Objects.equals(credentialsId, that.credentialsId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, credentialsId);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<AdditionalRegistry> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AdditionalRegistry_DisplayName();
        }

        public ComboBoxModel doFillRegistryItems() {
            return ImageFields.registryNames();
        }

        public FormValidation doCheckRegistry(@QueryParameter String value) {
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.AdditionalRegistry_NoRegistry())
                    : ImageFields.checkRegistry(value);
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
