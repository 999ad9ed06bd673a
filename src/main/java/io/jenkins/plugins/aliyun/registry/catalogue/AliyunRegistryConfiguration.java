package io.jenkins.plugins.aliyun.registry.catalogue;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.kube.KubernetesNames;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.reference.TagPolicy;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The registry catalogue (Manage Jenkins » System » Aliyun Container Registry): named registries,
 * the default tag template, and the defaults of the Kaniko steps. Configurable as code under
 * {@code unclassified: aliyunContainerRegistry:}.
 */
@Extension
@Symbol("aliyunContainerRegistry")
public class AliyunRegistryConfiguration extends GlobalConfiguration {

    private List<RegistryDefinition> registries = new ArrayList<>();
    private String defaultTagTemplate;
    private String kanikoSecretName;
    private String kanikoNamespace;
    private String kanikoImage;

    public AliyunRegistryConfiguration() {
        load();
    }

    /** The singleton. */
    public static @NonNull AliyunRegistryConfiguration get() {
        return ExtensionList.lookupSingleton(AliyunRegistryConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.AliyunRegistryConfiguration_DisplayName();
    }

    public @NonNull List<RegistryDefinition> getRegistries() {
        return registries == null ? List.of() : List.copyOf(registries);
    }

    @DataBoundSetter
    public void setRegistries(List<RegistryDefinition> registries) {
        this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        save();
    }

    /** The entries as the engine resolves a step's registry argument against them. */
    public @NonNull RegistryCatalogue catalogue() {
        return new RegistryCatalogue(
                getRegistries().stream()
                        .map(r -> new RegistryCatalogue.Entry(
                                r.getName(),
                                r.getHost(),
                                r.getNamespace(),
                                r.getCredentialsId(),
                                r.isVpc(),
                                r.isInsecure(),
                                r.getCaCertificate()))
                        .toList(),
                Messages.AliyunRegistryConfiguration_Location());
    }

    /** The tag template used when a step gives no tag; empty means {@value TagPolicy#DEFAULT_TEMPLATE}. */
    public @CheckForNull String getDefaultTagTemplate() {
        return defaultTagTemplate;
    }

    @DataBoundSetter
    public void setDefaultTagTemplate(String defaultTagTemplate) {
        String template = Util.fixEmptyAndTrim(defaultTagTemplate);
        this.defaultTagTemplate = Objects.equals(template, TagPolicy.DEFAULT_TEMPLATE) ? null : template;
        save();
    }

    /** The Secret name {@code kanikoDockerConfigSecret} uses when none is given. */
    public @CheckForNull String getKanikoSecretName() {
        return kanikoSecretName;
    }

    @DataBoundSetter
    public void setKanikoSecretName(String kanikoSecretName) {
        this.kanikoSecretName = Util.fixEmptyAndTrim(kanikoSecretName);
        save();
    }

    /** The namespace the Kaniko pods run in, when a step gives none. */
    public @CheckForNull String getKanikoNamespace() {
        return kanikoNamespace;
    }

    @DataBoundSetter
    public void setKanikoNamespace(String kanikoNamespace) {
        this.kanikoNamespace = Util.fixEmptyAndTrim(kanikoNamespace);
        save();
    }

    /** The Kaniko executor image for the pod YAML, when a step gives none. */
    public @CheckForNull String getKanikoImage() {
        return kanikoImage;
    }

    @DataBoundSetter
    public void setKanikoImage(String kanikoImage) {
        this.kanikoImage = Util.fixEmptyAndTrim(kanikoImage);
        save();
    }

    public FormValidation doCheckKanikoSecretName(@QueryParameter String value) {
        String name = Util.fixEmptyAndTrim(value);
        if (name == null) {
            return FormValidation.ok();
        }
        try {
            KubernetesNames.validateSecretName(name);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public FormValidation doCheckKanikoNamespace(@QueryParameter String value) {
        String namespace = Util.fixEmptyAndTrim(value);
        if (namespace == null) {
            return FormValidation.ok();
        }
        try {
            KubernetesNames.validateNamespace(namespace);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public FormValidation doCheckKanikoImage(@QueryParameter String value) {
        String image = Util.fixEmptyAndTrim(value);
        if (image == null) {
            return FormValidation.ok();
        }
        try {
            ImageReference.parse(image);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
