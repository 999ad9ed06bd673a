package io.jenkins.plugins.aliyun.registry.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.Text;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.kube.DockerConfigSecret;
import io.jenkins.plugins.aliyun.registry.engine.kube.KubernetesClientConfig;
import io.jenkins.plugins.aliyun.registry.engine.kube.KubernetesNames;
import io.jenkins.plugins.aliyun.registry.engine.kube.SecretApplier;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "kaniko-secret", mixinStandardHelpOptions = true,
        description = {"Build the kubernetes.io/dockerconfigjson Secret Kaniko mounts (the same as kubectl create secret docker-registry),",
            "print it, or create or update it in its namespace with --apply."})
final class KanikoSecretCommand implements Callable<Integer>, Main.StdinAware {

    enum Output { json, yaml }

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "S", description = "The Secret's name.")
    String name;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "The namespace the Kaniko pods run in.")
    String namespace;

    @Option(names = "--registry", paramLabel = "HOST", description = "Registry host[:port].")
    String registry;

    @Option(names = "--username", paramLabel = "U", description = "Registry username.")
    String username;

    @Option(names = {"--password", "-p"}, hidden = true, parameterConsumer = PasswordOption.class,
            description = "Refused: a password is read from standard input (--password-stdin), never taken as an argument.")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--from-docker-config", paramLabel = "FILE",
            description = "Take every login from this config.json instead of --registry/--username (several registries in one Secret).")
    Path fromDockerConfig;

    @Option(names = "--output", paramLabel = "json|yaml", description = "Manifest format when printing (default: yaml).")
    Output output = Output.yaml;

    @Option(names = "--apply", description = "Create or update the Secret in the cluster instead of printing it.")
    boolean apply;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "With --apply: the kubeconfig (default: $KUBECONFIG or ~/.kube/config, or the in-cluster account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CTX", description = "With --apply: the kubeconfig context.")
    String context;

    @Option(names = "--json", description = "With --apply: print {name, namespace, action} as JSON.")
    boolean json;

    private InputStream stdin;

    @Override
    public void stdin(InputStream in) {
        this.stdin = in;
    }

    @Override
    public Integer call() throws Exception {
        KubernetesNames.validateSecretName(name);
        KubernetesNames.validateNamespace(namespace);
        if ((kubeconfig != null || context != null) && !apply) {
            throw new InvalidInputException("--kubeconfig and --context only apply with --apply: add --apply, or drop them to print the manifest");
        }
        Secret secret = DockerConfigSecret.of(name, namespace, config());
        if (!apply) {
            String text = output == Output.json ? Serialization.asJson(secret) : Serialization.asYaml(secret).replaceFirst("^---\n", "");
            spec.commandLine().getOut().println(text.stripTrailing());
            return Main.OK;
        }
        SecretApplier.Action action = SecretApplier.applyWith(kubernetesConfig(), secret);
        if (json) {
            ObjectNode o = Json.object();
            o.put("name", name);
            o.put("namespace", namespace);
            o.put("action", action.id());
            spec.commandLine().getOut().println(Json.write(o));
        } else {
            spec.commandLine().getOut().println("secret/" + name + " " + action.id() + " in namespace " + namespace);
        }
        return Main.OK;
    }

    private DockerConfig config() throws InvalidInputException, EngineException {
        if (fromDockerConfig != null) {
            if (registry != null || username != null || passwordStdin) {
                throw new InvalidInputException("--from-docker-config takes every login from the file: drop --registry, --username and --password-stdin, or drop --from-docker-config");
            }
            DockerConfig config = DockerConfigLocation.read(fromDockerConfig, "--from-docker-config", "give one login with --registry, --username and --password-stdin");
            List<String> helpers = config.credentialHelperNames();
            if (config.size() == 0 && !helpers.isEmpty()) {
                // what `docker login` leaves on macOS and Windows: the logins are in a keychain, not in the file
                throw new InvalidInputException(fromDockerConfig + " holds no login of its own: its logins are kept by the credential helper "
                        + Text.oneLine(String.join(", ", helpers)) + ", which a Kubernetes Secret cannot use; give one login with --registry,"
                        + " --username and --password-stdin");
            }
            return config;
        }
        if (registry == null) {
            throw new InvalidInputException("no registry: give --registry HOST --username U --password-stdin, or --from-docker-config FILE");
        }
        if (username == null) {
            throw new InvalidInputException("no username: give --username for " + registry);
        }
        RegistryEndpoint endpoint = RegistryEndpoint.parse(registry);
        Warnings.print(spec, endpoint.getWarnings());
        return DockerConfig.of(endpoint.getConfigKey(), Credentials.fromStdin(username, passwordStdin, stdin));
    }

    private Config kubernetesConfig() throws EngineException {
        return KubernetesClientConfig.load(kubeconfig, context);
    }
}
