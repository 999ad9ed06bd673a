package io.jenkins.plugins.aliyun.registry.engine.reference;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;

/** The tag grammar: {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}. */
public final class Tags {

    /** The longest tag a registry accepts. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_.-]+");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,]+");

    private Tags() {}

    /** True if {@code tag} is a valid tag. */
    public static boolean isValid(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /**
     * The tags of a one-line list as a form field holds them, e.g. {@code "latest, stable v1"}:
     * separated by commas or white space, empty parts dropped, each part as typed (not checked).
     */
    public static List<String> splitList(String text) {
        if (text == null) {
            return List.of();
        }
        return LIST_SEPARATOR.splitAsStream(text).filter(t -> !t.isEmpty()).toList();
    }

    /**
     * Checks a tag given explicitly by the user; it is never changed, only accepted or refused.
     *
     * @throws InvalidInputException saying why, with a valid suggestion where one exists
     */
    public static void validate(String tag) throws InvalidInputException {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidInputException("tag is empty: give a tag such as \"1.0.42\", or leave it out to tag from the build number");
        }
        if (isValid(tag)) {
            return;
        }
        String why;
        if (tag.length() > MAX_LENGTH) {
            why = "it has " + tag.length() + " characters, at most " + MAX_LENGTH + " are allowed";
        } else if (tag.charAt(0) == '.' || tag.charAt(0) == '-') {
            why = "a tag may not start with '" + tag.charAt(0) + "'";
        } else {
            why = "a tag may contain only letters, digits, '_', '.' and '-' (max " + MAX_LENGTH + ")";
        }
        String suggestion = sanitiseOrNull(tag);
        throw new InvalidInputException("tag \"" + tag + "\" is not valid: " + why
                + (suggestion != null ? ", e.g. \"" + suggestion + "\"" : ""));
    }

    /**
     * Turns a derived value (a branch name, a template result) into a valid tag: runs of other
     * characters become '-', leading '.' and '-' are dropped, the result is cut to 128 characters.
     *
     * @return the tag, or {@code null} if nothing valid is left
     */
    public static String sanitiseOrNull(String value) {
        if (value == null) {
            return null;
        }
        String tag = NOT_ALLOWED.matcher(value).replaceAll("-");
        int start = 0;
        while (start < tag.length() && (tag.charAt(start) == '.' || tag.charAt(start) == '-')) {
            start++;
        }
        tag = tag.substring(start);
        if (tag.length() > MAX_LENGTH) {
            tag = tag.substring(0, MAX_LENGTH);
        }
        while (tag.endsWith("-")) {
            tag = tag.substring(0, tag.length() - 1);
        }
        return tag.isEmpty() ? null : tag;
    }
}
