package io.jenkins.plugins.aliyun.registry.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.registry.ImageTarget;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import io.jenkins.plugins.aliyun.registry.engine.registry.ResolvedImage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ref", mixinStandardHelpOptions = true,
        description = {"Work out the image reference to push: registry, namespace, repository and tag, checked against the registry's rules.",
            "The tag comes from the build number unless --tag or --tag-template is given."})
final class RefCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", required = true, paramLabel = "HOST[/NAMESPACE]",
            description = "Registry host, optionally with the namespace: crpi-xxx.cn-hangzhou.personal.cr.aliyuncs.com/my-ns")
    String registry;

    @Option(names = "--namespace", paramLabel = "NS", description = "Namespace, unless --registry carries it.")
    String namespace;

    @Option(names = "--repository", required = true, paramLabel = "REPO", description = "Repository below the namespace.")
    String repository;

    @Option(names = "--component", paramLabel = "C",
            description = "ACR single-repository mode: several components share one repository, tags become C-TAG.")
    String component;

    @Option(names = "--tag", paramLabel = "T", description = "Explicit tag; validated, never changed.")
    String tag;

    @Option(names = "--build-number", paramLabel = "N", description = "Build number, the default tag.")
    String buildNumber;

    @Option(names = "--tag-template", paramLabel = "TEMPLATE",
            description = "Tag template with $${NAME} variables from --build-number and --variable, e.g. '$${BRANCH_NAME}-$${BUILD_NUMBER}'; sanitised into a valid tag.")
    String tagTemplate;

    @Option(names = "--variable", paramLabel = "NAME=VALUE", description = "A value for --tag-template (repeatable).")
    Map<String, String> variables = Map.of();

    @Option(names = "--additional-tag", paramLabel = "T", description = "Another tag for the same image (repeatable).")
    List<String> additionalTags = new ArrayList<>();

    @Option(names = "--vpc", description = "Use the ACR VPC endpoint of the registry.")
    boolean vpc;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry(registry)
                .namespace(namespace)
                .repository(repository)
                .component(component)
                .tag(tag)
                .tagTemplate(tagTemplate)
                .variables(variables)
                .buildNumber(buildNumber)
                .additionalTags(additionalTags)
                .vpc(vpc)
                .resolve();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            RegistryEndpoint e = image.endpoint();
            ObjectNode o = Json.object();
            o.put("registry", e.getHost());
            o.put("kind", e.getKind().id());
            o.put("region", e.getRegion().orElse(null));
            o.put("vpc", e.isVpc());
            o.put("namespace", image.namespace().orElse(null));
            o.put("repository", image.repository());
            o.put("tag", image.tags().primary());
            o.put("reference", image.reference().toString());
            ArrayNode tags = o.putArray("tags");
            image.tags().all().forEach(tags::add);
            ArrayNode refs = o.putArray("references");
            for (ImageReference r : image.references()) {
                refs.add(r.toString());
            }
            ArrayNode warnings = o.putArray("warnings");
            image.warnings().forEach(warnings::add);
            out.println(Json.write(o));
        } else {
            Warnings.print(spec, image.warnings());
            for (ImageReference r : image.references()) {
                out.println(r);
            }
        }
        return Main.OK;
    }
}
