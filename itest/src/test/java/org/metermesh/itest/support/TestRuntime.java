package org.metermesh.itest.support;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The OSGi runtime a test class runs on, picked per failsafe execution.
 *
 * <p>{@value #RUNTIME_PROPERTY} names a directory under {@value #DIR_PROPERTY} that holds that runtime's bundles
 * ({@code felix}: the standalone gateway, {@code kura}: the Kura 5 profile); the framework itself is the one on the
 * test classpath. Bundles are installed from those files, in name order within a group.
 */
public final class TestRuntime {

    public static final String RUNTIME_PROPERTY = "metermesh.itest.runtime";
    public static final String DIR_PROPERTY = "metermesh.itest.dir";

    private TestRuntime() {
    }

    /** Where the build copies the core deployment package. */
    public static final String CORE_DP = "dp/metermesh-core-dp.dp";

    /** The runtime's own bundles and the MeterMesh core feature. */
    public static Option[] withMeterMesh() {
        return options(runtime(), coreFeature());
    }

    /**
     * As {@link #withMeterMesh()}, with the Kura API stand-in installed first: it must be there when the platform
     * bundle resolves, or the platform's optional import of it stays unwired.
     */
    public static Option[] withKuraApiAndMeterMesh() {
        return options(runtime(), group("kura-api"), coreFeature());
    }

    /** The runtime alone: MeterMesh arrives later, e.g. as a deployment package. */
    public static Option[] runtimeOnly() {
        return options(runtime());
    }

    public static String name() {
        return requiredProperty(RUNTIME_PROPERTY);
    }

    /** A file copied into the test directory by the build, e.g. {@code dp/metermesh-core-dp.dp}. */
    public static Path file(String relative) {
        Path file = Path.of(requiredProperty(DIR_PROPERTY)).resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run the build's pre-integration-test phase");
        }
        return file;
    }

    private static Option runtime() {
        return composite(junitBundles(), group(name()),
                // Pax Logging's fallback logger prints DEBUG by default; MeterMesh's own logs start at INFO.
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"));
    }

    /**
     * The core feature's bundles, installed straight out of the deployment package that carries them, so the
     * tests run exactly what a gateway installs.
     */
    private static Option coreFeature() {
        Path dp = file(CORE_DP);
        List<String> entries;
        try (JarFile jar = new JarFile(dp.toFile())) {
            entries = jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dp, e);
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("no bundles in " + dp);
        }
        return composite(entries.stream().map(entry -> bundle("jar:" + dp.toUri() + "!/" + entry))
                .toArray(Option[]::new));
    }

    private static Option group(String directory) {
        Path dir = Path.of(requiredProperty(DIR_PROPERTY)).resolve(directory);
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundles in " + dir, e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no bundles in " + dir);
        }
        return composite(jars.stream().map(jar -> bundle(jar.toUri().toString())).toArray(Option[]::new));
    }

    private static String requiredProperty(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run the tests with failsafe");
        }
        return value;
    }
}
