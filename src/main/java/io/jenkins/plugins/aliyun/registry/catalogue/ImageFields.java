package io.jenkins.plugins.aliyun.registry.catalogue;

import hudson.Util;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.reference.RepositoryNames;
import io.jenkins.plugins.aliyun.registry.engine.reference.TagPolicy;
import io.jenkins.plugins.aliyun.registry.engine.reference.Tags;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryCatalogue;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;

/**
 * Form checks of the fields every step shares (registry, namespace, repository, tag, component).
 * Syntax only, by the engine's rules; nothing here reaches the network or a credential.
 */
public final class ImageFields {

    private ImageFields() {}

    /** The catalogue's names, offered in the registry combo box. */
    public static ComboBoxModel registryNames() {
        ComboBoxModel names = new ComboBoxModel();
        for (RegistryDefinition r : AliyunRegistryConfiguration.get().getRegistries()) {
            names.add(r.getName());
        }
        return names;
    }

    /** A catalogue name, or a host the engine can classify. */
    public static FormValidation checkRegistry(String value) {
        String registry = Util.fixEmptyAndTrim(value);
        try {
            AliyunRegistryConfiguration.get().catalogue().resolve(registry, null, null);
        } catch (InvalidInputException e) {
            // nothing given is only a warning: a step may still name the registry through a variable
            return registry == null ? FormValidation.warning(e.getMessage()) : FormValidation.error(e.getMessage());
        }
        if (registry == null || !RegistryCatalogue.looksLikeHost(registry)) {
            return FormValidation.ok();
        }
        try {
            RegistryEndpoint endpoint = RegistryEndpoint.parse(registry);
            return endpoint.getWarnings().isEmpty()
                    ? FormValidation.ok()
                    : FormValidation.warning(String.join("; ", endpoint.getWarnings()));
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** A repository path; empty, or with a build variable ({@code ${...}}), is left to the build. */
    public static FormValidation checkPath(String value) {
        return check(value, true, path -> RepositoryNames.validate(path, path));
    }

    /** A namespace, by the engine's namespace rule; empty, or with a build variable, is left to the build. */
    public static FormValidation checkNamespace(String value) {
        return check(value, true, RepositoryNames::validateNamespace);
    }

    public static FormValidation checkTag(String value) {
        return check(value, true, Tags::validate);
    }

    /** A one-line list of tags, separated by commas or spaces; each is checked as {@link #checkTag} does. */
    public static FormValidation checkTags(String value) {
        for (String tag : Tags.splitList(value)) {
            FormValidation one = checkTag(tag);
            if (one.kind != FormValidation.Kind.OK) {
                return one;
            }
        }
        return FormValidation.ok();
    }

    public static FormValidation checkComponent(String value) {
        return check(value, true, TagPolicy::validateComponent);
    }

    /** One of the engine's syntax rules, which throws with the cause and the fix. */
    @FunctionalInterface
    public interface Rule {
        void validate(String value) throws InvalidInputException;
    }

    /**
     * {@code value} checked by {@code rule}, its message as the form's error. An empty field is left
     * alone, and so is one with a build variable ({@code ${...}}) where {@code buildVariables} says a
     * build resolves it first.
     */
    public static FormValidation check(String value, boolean buildVariables, Rule rule) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null || (buildVariables && v.contains("${"))) {
            return FormValidation.ok();
        }
        try {
            rule.validate(v);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
