package io.jenkins.plugins.aliyun.registry.engine.reference;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The repository path grammar: components of lowercase {@code [a-z0-9]+} joined by {@code .},
 * {@code _}, {@code __} or runs of {@code -}, separated by {@code /}.
 */
public final class RepositoryNames {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

    private RepositoryNames() {}

    /** True if {@code path} is a valid repository path. */
    public static boolean isValid(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a repository path.
     *
     * @param context the text the user gave, for the message
     */
    public static void validate(String path, String context) throws InvalidInputException {
        validate(path, "repository", "\"team/app\"", "\"namespace/name\"");
    }

    /**
     * Checks a namespace (the path before the repository, e.g. {@code team} in {@code host/team}); the
     * message calls it a namespace, so the user knows which input to fix.
     */
    public static void validateNamespace(String namespace) throws InvalidInputException {
        validate(namespace, "namespace", "\"team\"", "\"team\" or \"team/sub\"");
    }

    /**
     * @param what what the path names, the message's first word
     * @param example a valid value, for an empty one
     * @param shape how to write the levels, for an empty level
     */
    private static void validate(String path, String what, String example, String shape) throws InvalidInputException {
        if (path == null || path.isEmpty()) {
            throw new InvalidInputException(what + " name is empty: give one such as " + example);
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT)) && isValid(path.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(what + " \"" + path + "\" must be lowercase: use \""
                    + path.toLowerCase(Locale.ROOT) + "\"");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw new InvalidInputException(what + " \"" + path + "\" has an empty path component (a leading, trailing or double '/'): write it as " + shape);
            }
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidInputException(what + " \"" + path + "\" is not valid at \"" + component
                        + "\": use lowercase letters and digits, separated by '.', '_', '__' or '-', and '/' between levels"
                        + suggestion(component));
            }
        }
    }

    private static String suggestion(String component) {
        String fixed = component.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[._-]+", "").replaceAll("[._-]+$", "").replaceAll("\\.{2,}", ".").replaceAll("_{3,}", "__");
        return COMPONENT.matcher(fixed).matches() ? ", e.g. \"" + fixed + "\"" : "";
    }
}
