package io.jenkins.plugins.aliyun.registry.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.aliyun.registry.engine.registry.ImageTarget;
import io.jenkins.plugins.aliyun.registry.engine.registry.ResolvedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class KanikoDestinationsTest {

    @Test
    void oneDestinationFlagPerTagPrimaryFirst() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry("crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com/team")
                .repository("app")
                .buildNumber("42")
                .additionalTags(List.of("latest"))
                .resolve();
        assertEquals("--destination=crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com/team/app:42"
                + " --destination=crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com/team/app:latest",
                KanikoPod.destinationArguments(image.references()));
    }

    @Test
    void noReferencesGiveNoFlags() {
        assertEquals("", KanikoPod.destinationArguments(List.of()));
    }
}
