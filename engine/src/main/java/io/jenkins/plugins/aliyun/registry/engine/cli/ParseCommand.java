package io.jenkins.plugins.aliyun.registry.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse and normalise an image reference as docker does (nginx -> docker.io/library/nginx:latest).")
final class ParseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "The image reference.")
    String reference;

    @Option(names = "--json", description = "Print {registry, repository, tag, digest, reference} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ImageReference ref = ImageReference.parse(reference);
        if (json) {
            ObjectNode o = Json.object();
            o.put("registry", ref.getRegistry());
            o.put("repository", ref.getRepository());
            o.put("tag", ref.getTag().orElse(null));
            o.put("digest", ref.getDigest().orElse(null));
            o.put("reference", ref.toString());
            spec.commandLine().getOut().println(Json.write(o));
        } else {
            spec.commandLine().getOut().println(ref);
        }
        return Main.OK;
    }
}
