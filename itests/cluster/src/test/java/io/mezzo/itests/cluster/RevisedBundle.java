package io.mezzo.itests.cluster;

import io.mezzo.itests.harness.MezzoNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A new revision of a Mezzo bundle for {@code bundle:update}: the built jar with a qualifier added to its version. */
final class RevisedBundle {
    private RevisedBundle() {
    }

    /**
     * Writes to {@code target} the bundle {@code artifactId} as the node's system repository holds
     * it, with {@code revision} appended to its Bundle-Version: a new revision of the same code.
     */
    static Path write(MezzoNode node, String artifactId, String revision, Path target) throws IOException {
        Path built = node.systemArtifact("io.mezzo", artifactId, System.getProperty("mezzo.version"));
        try (JarInputStream in = new JarInputStream(Files.newInputStream(built))) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            main.putValue("Bundle-Version", main.getValue("Bundle-Version") + revision);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }
}
