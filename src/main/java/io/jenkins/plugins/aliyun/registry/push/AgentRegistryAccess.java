package io.jenkins.plugins.aliyun.registry.push;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistrySettings;
import io.jenkins.plugins.aliyun.registry.credentials.RegistryLogins;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.push.AccessHints;
import io.jenkins.plugins.aliyun.registry.engine.push.HttpProxy;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryAccess;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach one registry, in a form that can travel to the agent: the username, the password as
 * a {@link Secret}, the CA certificate, the insecure flag, and how a Jenkins user changes them (for
 * the fixes in error messages). The engine's {@link RegistryAccess} is built from it on the agent.
 */
final class AgentRegistryAccess implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final Secret password;
    private final String caCertificate;
    private final boolean insecure;
    private final String proxyHost;
    private final int proxyPort;
    private final String proxyUsername;
    private final Secret proxyPassword;
    private final String hintInsecure;
    private final String hintCaCertificate;
    private final String hintLogin;
    private final String hintProxy;

    private AgentRegistryAccess(
            String username, Secret password, String caCertificate, boolean insecure, HttpProxy proxy, boolean source) {
        this.hintInsecure = Messages.AccessHints_Insecure();
        this.hintCaCertificate = Messages.AccessHints_CaCertificate();
        this.hintLogin = source ? Messages.AccessHints_SourceLogin() : Messages.AccessHints_Login();
        this.hintProxy = Messages.AccessHints_Proxy();
        this.username = username;
        this.password = password;
        this.caCertificate = caCertificate;
        this.insecure = insecure;
        this.proxyHost = proxy == null ? null : proxy.getHost();
        this.proxyPort = proxy == null ? 0 : proxy.getPort();
        RegistryCredentials proxyLogin =
                proxy == null ? null : proxy.getCredentials().orElse(null);
        this.proxyUsername = proxyLogin == null ? null : proxyLogin.getUsername();
        this.proxyPassword = proxyLogin == null ? null : Secret.fromString(proxyLogin.getPassword());
    }

    /** No credentials, default trust: for local sources, which need none. */
    static @NonNull AgentRegistryAccess anonymous() {
        return new AgentRegistryAccess(null, null, null, false, null, false);
    }

    /**
     * The access the run has to a registry: its credentials (found for the run and tracked), CA,
     * insecure flag, and the HTTP proxy the build's environment names for it ({@code HTTPS_PROXY},
     * {@code HTTP_PROXY}, {@code NO_PROXY}, as on the agent); anonymous if no credentials are set.
     * {@code source}: it is the registry of a {@code docker://} source (its login is
     * {@code sourceCredentialsId}).
     */
    static @NonNull AgentRegistryAccess forRun(
            @NonNull Run<?, ?> run,
            @NonNull RegistrySettings settings,
            @NonNull Map<String, String> environment,
            boolean source)
            throws AbortException {
        HttpProxy proxy = proxyFor(settings, environment, source);
        String id = settings.getCredentialsId();
        if (id == null) {
            return new AgentRegistryAccess(
                    null, null, settings.getCaCertificate(), settings.isInsecure(), proxy, source);
        }
        StandardUsernamePasswordCredentials credentials = RegistryLogins.findForRun(run, id);
        RegistryCredentials checked = RegistryLogins.toEngine(credentials);
        return new AgentRegistryAccess(
                checked.getUsername(),
                credentials.getPassword(),
                settings.getCaCertificate(),
                settings.isInsecure(),
                proxy,
                source);
    }

    /**
     * The proxy for the host the push really contacts: the destination's in the VPC form the catalogue
     * may ask for (its reference is built so), a {@code docker://} source's as its reference names it
     * (it is pulled from there, VPC or not), which {@link RegistrySettings} keeps as given.
     */
    private static @CheckForNull HttpProxy proxyFor(
            RegistrySettings settings, Map<String, String> environment, boolean source) throws AbortException {
        String given = settings.getRegistry();
        try {
            String host = source && given != null
                    ? RegistryEndpoint.parse(given).getHost()
                    : settings.endpoint().getHost();
            Optional<HttpProxy> proxy = HttpProxy.forRegistry(environment, host, settings.isInsecure());
            return proxy.orElse(null);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** The engine's access; called on the agent. */
    @NonNull
    RegistryAccess toEngine() throws InvalidInputException {
        HttpProxy proxy = null;
        if (proxyHost != null) {
            proxy = HttpProxy.of(proxyHost, proxyPort);
            if (proxyUsername != null) {
                proxy = proxy.withCredentials(RegistryCredentials.of(proxyUsername, proxyPassword.getPlainText()));
            }
        }
        RegistryAccess access = RegistryAccess.anonymous()
                .withHints(new AccessHints(hintInsecure, hintCaCertificate, hintLogin, hintProxy))
                .withInsecure(insecure)
                .withCaCertificate(caCertificate)
                .withProxy(proxy);
        return username == null
                ? access
                : access.withCredentials(RegistryCredentials.of(username, password.getPlainText()));
    }

    @CheckForNull
    String getUsername() {
        return username;
    }
}
