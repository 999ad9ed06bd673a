package io.jenkins.plugins.aliyun.registry.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "docker-config", mixinStandardHelpOptions = true,
        description = {"Write a registry login into a docker config.json (the 'auth' field docker, Kaniko and skopeo read), like docker login without a daemon.",
            "The file is merged: other registries and settings in it are kept, so run the command once per registry to log in to several.",
            "Default file: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. Written atomically with mode 0600."})
final class DockerConfigCommand implements Callable<Integer>, Main.StdinAware {

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", required = true, paramLabel = "HOST", description = "Registry host[:port] (a /namespace suffix is ignored).")
    String registry;

    @Option(names = "--username", required = true, paramLabel = "U", description = "Registry username (for ACR: the account or RAM user name).")
    String username;

    @Option(names = {"--password", "-p"}, hidden = true, parameterConsumer = PasswordOption.class,
            description = "Refused: a password is read from standard input (--password-stdin), never taken as an argument.")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input (required; one trailing newline is dropped).")
    boolean passwordStdin;

    @Option(names = "--output", paramLabel = "FILE", description = "The config.json to write, or '-' to print it to standard output.")
    String output;

    @Option(names = "--replace", description = "Start from an empty file instead of merging into the existing one.")
    boolean replace;

    @Option(names = "--json", description = "Print {file, registries} as JSON.")
    boolean json;

    private InputStream stdin;

    @Override
    public void stdin(InputStream in) {
        this.stdin = in;
    }

    @Override
    public Integer call() throws Exception {
        RegistryEndpoint endpoint = RegistryEndpoint.parse(registry);
        RegistryCredentials credentials = Credentials.fromStdin(username, passwordStdin, stdin);
        Warnings.print(spec, endpoint.getWarnings());
        DockerConfig login = DockerConfig.of(endpoint.getConfigKey(), credentials);
        if ("-".equals(output)) {
            spec.commandLine().getOut().print(login.toJson());
            return Main.OK;
        }
        Path file = output != null ? Paths.get(output) : defaultFile();
        DockerConfig config = login;
        if (!replace) {
            try {
                config = DockerConfig.read(file).merge(login);
            } catch (IOException e) {
                throw new EngineException("cannot read " + file + " to merge the login into it: " + e.getClass().getSimpleName()
                        + "; check that it is a readable UTF-8 file, overwrite it with --replace (dropping what it holds), or choose another file with --output");
            }
        }
        try {
            config.writeTo(file);
        } catch (IOException e) {
            throw new EngineException("cannot write " + file + ": " + e.getClass().getSimpleName()
                    + "; check that the directory is writable, or choose another file with --output");
        }
        if (json) {
            ObjectNode o = Json.object();
            o.put("file", file.toAbsolutePath().toString());
            o.put("registry", endpoint.getConfigKey());
            ArrayNode keys = o.putArray("registries");
            config.getRegistryKeys().forEach(keys::add);
            spec.commandLine().getOut().println(Json.write(o));
        } else {
            spec.commandLine().getOut().println("Login for " + endpoint.getConfigKey() + " (user " + credentials.getUsername()
                    + ") written to " + file.toAbsolutePath());
        }
        return Main.OK;
    }

    private static Path defaultFile() throws InvalidInputException {
        return DockerConfigLocation.defaultFile().orElseThrow(() -> new InvalidInputException(
                "no home directory to put ~/.docker/config.json in: give the file with --output"));
    }
}
