package io.jenkins.plugins.aliyun.registry.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.kube.DockerConfigSecret;
import io.jenkins.plugins.aliyun.registry.engine.kube.KubernetesNames;
import io.jenkins.plugins.aliyun.registry.engine.kube.SecretApplier;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
// fabric8's YAML parser (snakeyaml-engine, which kubernetes-client-api brings and so decides the version of)
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
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
        SecretApplier.Action action;
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kubernetesConfig()).build()) {
            action = new SecretApplier(client).apply(secret);
        }
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
            try {
                if (!Files.isRegularFile(fromDockerConfig)) {
                    throw new InvalidInputException("docker config " + fromDockerConfig + " does not exist: write it first with aliyun-cr docker-config");
                }
                return DockerConfig.read(fromDockerConfig);
            } catch (IOException e) {
                throw new EngineException("cannot read " + fromDockerConfig + ": " + e.getClass().getSimpleName() + "; check its permissions");
            }
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
        Config config = loadKubernetesConfig();
        // fabric8 retries refused connections for ~20 s by default; a command line should answer sooner.
        config.setRequestRetryBackoffLimit(3);
        return config;
    }

    /**
     * The kubeconfig as fabric8 reads it. Its errors are reported by type and position only: their
     * text quotes the file (a YAML error shows the offending line, which may be a token or a key).
     */
    private Config loadKubernetesConfig() throws EngineException {
        String file = kubeconfig != null ? kubeconfig.toString() : defaultKubeconfig();
        String where = "the kubeconfig " + file + (context == null ? "" : " (context " + context + ")");
        try {
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    throw new InvalidInputException("kubeconfig " + kubeconfig + " does not exist: give the path of your kubeconfig file");
                }
                return Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
            }
            return Config.autoConfigure(context);
        } catch (MarkedYamlEngineException e) {
            throw new EngineException("cannot load " + where + ": it is not valid YAML" + position(e)
                    + "; fix the file there (kubectl --kubeconfig FILE config view shows what kubectl reads), or give another with --kubeconfig");
        } catch (IOException e) {
            throw new EngineException("cannot read " + where + " (" + e.getClass().getSimpleName()
                    + "): check that it is a readable UTF-8 file, or give another with --kubeconfig");
        } catch (RuntimeException e) {
            // KubernetesClientException, a YAML error without a position, a value of the wrong type
            throw new EngineException("cannot load " + where + " (" + e.getClass().getSimpleName()
                    + "): check that it is a kubeconfig (kubectl --kubeconfig FILE config view) and that the context exists, or give another with --kubeconfig");
        }
    }

    /**
     * Where the YAML parser stopped, {@code " at line L, column C"} (1-based), and where what it was
     * reading started if that was elsewhere (an unclosed quote is found at the end of the file); or nothing.
     */
    private static String position(MarkedYamlEngineException e) {
        String problem = e.getProblemMark().map(KanikoSecretCommand::lineAndColumn).orElse(null);
        String context = e.getContextMark().map(KanikoSecretCommand::lineAndColumn).orElse(null);
        if (problem == null) {
            return context == null ? "" : " at " + context;
        }
        return " at " + problem + (context == null || context.equals(problem) ? "" : " (in what starts at " + context + ")");
    }

    private static String lineAndColumn(Mark m) {
        return "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    }

    /** The file fabric8 reads without --kubeconfig: the kubeconfig property, $KUBECONFIG, else ~/.kube/config. */
    private static String defaultKubeconfig() {
        String file = System.getProperty("kubeconfig", System.getenv("KUBECONFIG"));
        return file != null && !file.isBlank() ? file : Paths.get(System.getProperty("user.home"), ".kube", "config").toString();
    }

}
