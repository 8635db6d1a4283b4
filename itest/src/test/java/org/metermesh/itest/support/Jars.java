package org.metermesh.itest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** Makes "the next release" of an installed bundle: its own jar with a higher Bundle-Version. */
public final class Jars {

    private Jars() {
    }

    /** The bundle's next micro version, qualified so it is recognisable in a bundle listing. */
    public static Version nextVersion(Bundle bundle) {
        Version current = bundle.getVersion();
        return new Version(current.getMajor(), current.getMinor(), current.getMicro() + 1, "itest");
    }

    /** The jar the bundle was installed from (a file: location), with its Bundle-Version replaced. */
    public static byte[] withBundleVersion(Bundle bundle, Version version) {
        try (InputStream source = new URL(bundle.getLocation()).openStream()) {
            return withBundleVersion(source, version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bundle.getLocation(), e);
        }
    }

    static byte[] withBundleVersion(InputStream source, Version version) throws IOException {
        try (JarInputStream in = new JarInputStream(source)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (JarFile.MANIFEST_NAME.equals(entry.getName())) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }
}
