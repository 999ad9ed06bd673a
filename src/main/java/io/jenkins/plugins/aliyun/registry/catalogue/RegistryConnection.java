package io.jenkins.plugins.aliyun.registry.catalogue;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ProxyConfiguration;
import hudson.Util;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.credentials.RegistryLogins;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.push.AccessHints;
import io.jenkins.plugins.aliyun.registry.engine.push.HttpProxy;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryAccess;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryCheck;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import jenkins.model.Jenkins;

/** The "Test connection" button and the CA check of a catalogue entry, done by the engine. */
final class RegistryConnection {

    private RegistryConnection() {}

    /** Checks that {@code pem} holds at least one certificate. */
    static void checkCaCertificate(String pem) throws InvalidInputException {
        RegistryCheck.checkCaCertificate(pem);
    }

    /** What a successful test did: the host it reached, and the username it logged in with (null: anonymous). */
    record Result(String host, @CheckForNull String username) {}

    /**
     * Reaches the registry from the controller and logs in, as a push would: {@code host}, or its VPC
     * form with {@code vpc} (a host given in its VPC form is reached as given).
     *
     * @return the host reached and the username logged in with
     * @throws EngineException with the engine's one-line explanation when it fails
     */
    static Result test(
            String host,
            @CheckForNull String credentialsId,
            boolean vpc,
            boolean insecure,
            @CheckForNull String caCertificate)
            throws EngineException, IOException, InterruptedException {
        RegistryEndpoint endpoint = RegistryEndpoint.parse(host);
        if (vpc) {
            endpoint = endpoint.withVpc(true);
        }
        RegistryAccess access = RegistryAccess.anonymous()
                .withHints(new AccessHints(
                        Messages.AccessHints_FormInsecure(),
                        Messages.AccessHints_FormCaCertificate(),
                        Messages.AccessHints_FormLogin(),
                        Messages.AccessHints_FormProxy()))
                .withInsecure(insecure)
                .withCaCertificate(Util.fixEmptyAndTrim(caCertificate))
                .withProxy(controllerProxy(endpoint));
        String id = Util.fixEmptyAndTrim(credentialsId);
        String username = null;
        if (id != null) {
            StandardUsernamePasswordCredentials credentials = RegistryLogins.findForJenkins(id);
            if (credentials == null) {
                throw new InvalidInputException(Messages.Credentials_NotFound(id));
            }
            username = credentials.getUsername();
            access = access.withCredentials(
                    RegistryCredentials.of(username, credentials.getPassword().getPlainText()));
        }
        RegistryCheck.login(endpoint.getHost(), access);
        return new Result(endpoint.getHost(), username);
    }

    /**
     * The HTTP proxy of Jenkins' own settings (Manage Jenkins » System » HTTP Proxy) for this host, as
     * the controller reaches the internet; null if none is set or the host is in its "no proxy" list.
     */
    private static @CheckForNull HttpProxy controllerProxy(RegistryEndpoint endpoint) throws InvalidInputException {
        ProxyConfiguration settings = Jenkins.get().getProxy();
        if (settings == null) {
            return null;
        }
        Proxy proxy = settings.createProxy(endpoint.getHostname());
        if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress address)) {
            return null;
        }
        HttpProxy http = HttpProxy.of(address.getHostString(), address.getPort());
        String user = Util.fixEmptyAndTrim(settings.getUserName());
        if (user != null && settings.getSecretPassword() != null) {
            http = http.withCredentials(
                    RegistryCredentials.of(user, settings.getSecretPassword().getPlainText()));
        }
        return http;
    }
}
