package io.jenkins.plugins.aliyun.registry.engine.reference;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an image is tagged. By default the tag is the build number ({@value #DEFAULT_TEMPLATE}).
 * An explicit tag is validated and used as given, never changed; a tag derived from a template
 * (e.g. {@code ${BRANCH_NAME}-${BUILD_NUMBER}}) is sanitised into a valid tag. In ACR
 * single-repository mode a component name prefixes every tag: {@code backend-42}.
 */
public final class TagPolicy {

    /** The template used when neither a tag nor a template is given. */
    public static final String DEFAULT_TEMPLATE = "${BUILD_NUMBER}";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final String tag;
    private final String template;
    private final String component;
    private final List<String> additionalTags;

    private TagPolicy(Builder builder) {
        this.tag = builder.tag;
        this.template = builder.template;
        this.component = builder.component;
        this.additionalTags = List.copyOf(builder.additionalTags);
    }

    /** A policy that tags from the build number, with no component and no additional tags. */
    public static TagPolicy fromBuildNumber() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Works out the tags for a build.
     *
     * @param variables the values a template may use, e.g. {@code BUILD_NUMBER}, {@code BRANCH_NAME}
     * @throws InvalidInputException if a tag is invalid or the template needs a value that is missing
     */
    public ResolvedTags resolve(Map<String, String> variables) throws InvalidInputException {
        Objects.requireNonNull(variables, "variables");
        if (component != null) {
            validateComponent(component);
        }
        String primary;
        if (tag != null) {
            Tags.validate(tag);
            primary = tag;
        } else {
            primary = expand(template == null ? DEFAULT_TEMPLATE : template, variables);
            int room = Tags.MAX_LENGTH - (component == null ? 0 : component.length() + 1);
            if (component != null && primary.length() > room && room > 0) {
                // A derived tag is ours to shape: leave room for the component prefix.
                primary = Tags.sanitiseOrNull(primary.substring(0, room));
            }
        }
        Set<String> tags = new LinkedHashSet<>();
        tags.add(withComponent(primary));
        for (String extra : additionalTags) {
            Tags.validate(extra);
            tags.add(withComponent(extra));
        }
        List<String> all = new ArrayList<>(tags);
        return new ResolvedTags(all.get(0), all.subList(1, all.size()));
    }

    /**
     * Checks an ACR single-repository component on its own, as a form field does: the characters a
     * tag allows, and short enough to leave room for {@code -} and a tag within the 128 characters.
     *
     * @throws InvalidInputException saying what is wrong, with a corrected value where one exists
     */
    public static void validateComponent(String component) throws InvalidInputException {
        if (!COMPONENT.matcher(component).matches()) {
            throw new InvalidInputException("component \"" + component + "\" is not valid: it prefixes the tag, so it may contain only letters, digits, '_', '.' and '-' and may not start with '.' or '-'"
                    + suggest(component));
        }
        int max = Tags.MAX_LENGTH - 2;
        if (component.length() > max) {
            throw new InvalidInputException("the component has " + component.length()
                    + " characters, at most " + max + " are allowed: it prefixes every tag as COMPONENT-TAG, and a tag has at most "
                    + Tags.MAX_LENGTH + " characters; shorten the component");
        }
    }

    private String withComponent(String value) throws InvalidInputException {
        if (component == null) {
            return value;
        }
        String combined = component + "-" + value;
        if (combined.length() > Tags.MAX_LENGTH) {
            throw new InvalidInputException("tag \"" + combined + "\" (component \"" + component + "\" + tag) has " + combined.length()
                    + " characters, at most " + Tags.MAX_LENGTH + " are allowed: shorten the component or the tag");
        }
        return combined;
    }

    private static String expand(String template, Map<String, String> variables) throws InvalidInputException {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = variables.get(name);
            if (value == null || value.isEmpty()) {
                if ("BUILD_NUMBER".equals(name)) {
                    throw new InvalidInputException("no tag: the tag comes from the build number by default, and there is none here; give a tag (e.g. --tag 1.0.0) or a build number (e.g. --build-number 42)");
                }
                throw new InvalidInputException("tag template \"" + template + "\" uses ${" + name
                        + "}, which is not set in this build: set it, or use a template with variables that are (e.g. \"" + DEFAULT_TEMPLATE + "\")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String expanded = out.toString();
        if (expanded.contains("${")) {
            throw new InvalidInputException("tag template \"" + template + "\" has a malformed variable: write variables as ${NAME}");
        }
        String sanitised = Tags.sanitiseOrNull(expanded);
        if (sanitised == null) {
            throw new InvalidInputException("tag template \"" + template + "\" gives \"" + expanded
                    + "\", which has no character a tag may contain: use a template with letters or digits, e.g. \"" + DEFAULT_TEMPLATE + "\"");
        }
        return sanitised;
    }

    /** A valid component made of {@code value}, cut to leave room for {@code -} and a tag. */
    private static String suggest(String value) {
        String s = Tags.sanitiseOrNull(value);
        if (s != null && s.length() > Tags.MAX_LENGTH - 2) {
            s = Tags.sanitiseOrNull(s.substring(0, Tags.MAX_LENGTH - 2));
        }
        return s == null ? "" : ", e.g. \"" + s + "\"";
    }

    /** The primary tag and the additional ones, in order, without duplicates. */
    public record ResolvedTags(String primary, List<String> additional) {
        public ResolvedTags {
            Objects.requireNonNull(primary, "primary");
            additional = List.copyOf(additional);
        }

        /** Primary first, then the additional tags. */
        public List<String> all() {
            List<String> all = new ArrayList<>();
            all.add(primary);
            all.addAll(additional);
            return all;
        }
    }

    /** Builds a {@link TagPolicy}. */
    public static final class Builder {
        private String tag;
        private String template;
        private String component;
        private final List<String> additionalTags = new ArrayList<>();

        private Builder() {}

        /** An explicit tag; it wins over any template and is validated, never changed. */
        public Builder tag(String tag) {
            this.tag = emptyToNull(tag);
            return this;
        }

        /** A template such as {@code ${BRANCH_NAME}-${BUILD_NUMBER}}; its result is sanitised. */
        public Builder template(String template) {
            this.template = emptyToNull(template);
            return this;
        }

        /** ACR single-repository mode: every tag becomes {@code component-tag}. */
        public Builder component(String component) {
            this.component = emptyToNull(component);
            return this;
        }

        /** Further tags for the same image, validated like explicit tags. */
        public Builder additionalTags(List<String> tags) {
            for (String t : tags) {
                if (t != null && !t.isEmpty()) {
                    additionalTags.add(t);
                }
            }
            return this;
        }

        public TagPolicy build() {
            return new TagPolicy(this);
        }

        private static String emptyToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
