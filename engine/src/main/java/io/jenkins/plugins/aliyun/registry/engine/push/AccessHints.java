package io.jenkins.plugins.aliyun.registry.engine.push;

import java.util.Objects;

/**
 * How the user of a front end sets a registry's access, for the fixes that error messages name:
 * a command-line flag, an environment variable, or a field of a Jenkins form. Each is a phrase that
 * completes "mark the registry insecure …", "give the registry's CA certificate (PEM) …", "log in …"
 * and "the proxy is set …".
 *
 * @param insecure how to mark the registry insecure, e.g. {@code "with --insecure"}
 * @param caCertificate how to give a CA certificate, e.g. {@code "with --ca-cert FILE"}
 * @param login how to give a login, e.g. {@code "with --username and --password-stdin"}
 * @param proxy where the HTTP proxy, its login and the hosts reached without it are set, e.g.
 *     {@code "by HTTPS_PROXY/HTTP_PROXY …; hosts listed in NO_PROXY are reached directly"}
 */
public record AccessHints(String insecure, String caCertificate, String login, String proxy) {

    private static final String ENVIRONMENT_PROXY = "by HTTPS_PROXY/HTTP_PROXY (with a login: http://user:password@host:port);"
            + " hosts listed in NO_PROXY are reached directly";
    private static final AccessHints COMMAND_LINE = new AccessHints("with --insecure", "with --ca-cert FILE",
            "with --username and --password-stdin, or with a --docker-config that has an entry for the registry", ENVIRONMENT_PROXY);
    private static final AccessHints COMMAND_LINE_SOURCE = new AccessHints("with --source-insecure", "with --source-ca-cert FILE",
            "with --source-username and --source-password-stdin, or with a --docker-config that has an entry for the registry",
            ENVIRONMENT_PROXY);

    public AccessHints {
        Objects.requireNonNull(insecure, "insecure");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(proxy, "proxy");
    }

    /** Hints whose proxy is the one the environment variables set ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}). */
    public AccessHints(String insecure, String caCertificate, String login) {
        this(insecure, caCertificate, login, ENVIRONMENT_PROXY);
    }

    /** The {@code push} command's flags for the destination: the default of a {@link RegistryAccess}. */
    public static AccessHints commandLine() {
        return COMMAND_LINE;
    }

    /** The {@code push} command's flags for a {@code docker://} source. */
    public static AccessHints commandLineSource() {
        return COMMAND_LINE_SOURCE;
    }
}
