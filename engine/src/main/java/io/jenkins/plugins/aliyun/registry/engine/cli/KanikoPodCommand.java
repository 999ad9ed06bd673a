package io.jenkins.plugins.aliyun.registry.engine.cli;

import io.jenkins.plugins.aliyun.registry.engine.kube.KanikoPod;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "kaniko-pod", mixinStandardHelpOptions = true,
        description = {"Print the pod fragment that gives a Kaniko container its registry login: the Secret mounted as /kaniko/.docker/config.json, and imagePullSecrets.",
            "Paste it into a pod template's yaml (the kubernetes plugin merges it)."})
final class KanikoPodCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--secret", required = true, paramLabel = "S", description = "The dockerconfigjson Secret (see kaniko-secret).")
    String secret;

    @Option(names = "--image", paramLabel = "IMG", description = "The Kaniko executor image (default: " + KanikoPod.DEFAULT_IMAGE + ").")
    String image;

    @Option(names = "--container", paramLabel = "NAME", description = "The container's name (default: " + KanikoPod.DEFAULT_CONTAINER + ").")
    String container;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--yaml", description = "Print YAML (the default).")
        boolean yaml;
    }

    @Override
    public Integer call() throws Exception {
        KanikoPod pod = KanikoPod.of(secret, image, container);
        spec.commandLine().getOut().println(format.json ? pod.toJson() : pod.toYaml().stripTrailing());
        return Main.OK;
    }
}
