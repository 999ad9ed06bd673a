package io.jenkins.plugins.aliyun.registry.engine.kube;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.regex.Pattern;

/** Kubernetes object names: Secrets are DNS-1123 subdomains, namespaces DNS-1123 labels. */
public final class KubernetesNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubernetesNames() {}

    /** Checks a Secret name (at most 253 characters of lowercase letters, digits, '-' and '.'). */
    public static void validateSecretName(String name) throws InvalidInputException {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("Secret name is empty: give one such as \"kaniko-docker-config\"");
        }
        if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            throw new InvalidInputException("Secret name \"" + name + "\" is not valid in Kubernetes: use at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
                    + suggest(name, 253));
        }
    }

    /** Checks a namespace name (at most 63 characters of lowercase letters, digits and '-'). */
    public static void validateNamespace(String namespace) throws InvalidInputException {
        if (namespace == null || namespace.isBlank()) {
            throw new InvalidInputException("Kubernetes namespace is empty: give the namespace your Kaniko pods run in, e.g. \"jenkins\"");
        }
        if (namespace.length() > 63 || !LABEL.matcher(namespace).matches()) {
            throw new InvalidInputException("Kubernetes namespace \"" + namespace + "\" is not valid: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
                    + suggest(namespace.replace('.', '-'), 63));
        }
    }

    private static String suggest(String value, int max) {
        String s = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        if (s.length() > max) {
            s = s.substring(0, max).replaceAll("[^a-z0-9]+$", "");
        }
        return s.isEmpty() ? "" : ", e.g. \"" + s + "\"";
    }
}
