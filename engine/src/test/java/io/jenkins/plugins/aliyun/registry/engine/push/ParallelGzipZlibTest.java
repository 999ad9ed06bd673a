package io.jenkins.plugins.aliyun.registry.engine.push;

/** {@link ParallelGzipTest}'s tests on zlib: the path of a JVM where ISA-L does not load. */
class ParallelGzipZlibTest extends ParallelGzipTest {

    @Override
    boolean isal() {
        return false;
    }
}
