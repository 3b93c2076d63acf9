package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.TaskUri;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Puts a task's URIs into its sandbox before it starts, like Mesos' fetcher but for local files only
 * (plain paths and {@code file://} URIs): copy, optionally make executable, optionally unpack.
 */
final class UriFetcher {
    private static final long TAR_TIMEOUT_MINUTES = 10;
    private final String tar;

    /** @param tar the {@code tar} program, used to unpack tarballs */
    UriFetcher(String tar) {
        this.tar = tar;
    }

    void fetchAll(List<TaskUri> uris, Path sandbox) throws FetchException {
        for (TaskUri uri : uris) {
            fetch(uri, sandbox);
        }
    }

    void fetch(TaskUri uri, Path sandbox) throws FetchException {
        Path source = localPath(uri.value());
        if (!Files.isRegularFile(source)) {
            throw new FetchException("Failed to fetch '" + uri.value() + "': no such file");
        }
        String name = uri.outputFile().orElse(source.getFileName().toString());
        try {
            if (uri.extract() && isArchive(name)) {
                extract(source, name, sandbox);
                return;
            }
            Path target = insideSandbox(sandbox, name, uri.value());
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            if (uri.executable()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
                perms.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(target, perms);
            }
        } catch (IOException e) {
            throw new FetchException("Failed to fetch '" + uri.value() + "': " + e.getMessage());
        }
    }

    private static Path localPath(String value) throws FetchException {
        if (value.startsWith("file:")) {
            try {
                return Path.of(URI.create(value));
            } catch (IllegalArgumentException e) {
                throw new FetchException("Failed to fetch '" + value + "': " + e.getMessage());
            }
        }
        if (value.contains("://")) {
            throw new FetchException("Failed to fetch '" + value + "': only local files and file:// URIs are supported");
        }
        return Path.of(value);
    }

    private static Path insideSandbox(Path sandbox, String name, String uri) throws FetchException {
        Path target = sandbox.resolve(name).normalize();
        if (!target.startsWith(sandbox.normalize()) || target.equals(sandbox.normalize())) {
            throw new FetchException("Failed to fetch '" + uri + "': output file '" + name + "' leaves the sandbox");
        }
        return target;
    }

    private static boolean isArchive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz")
                || n.endsWith(".tar.bz2") || n.endsWith(".tar.xz");
    }

    private void extract(Path archive, String name, Path sandbox) throws IOException, FetchException {
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            unzip(archive, sandbox, name);
        } else {
            untar(archive, sandbox, name);
        }
    }

    private static void unzip(Path archive, Path sandbox, String name) throws IOException, FetchException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = insideSandbox(sandbox, entry.getName(), name);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void untar(Path archive, Path sandbox, String name) throws IOException, FetchException {
        Process p = new ProcessBuilder(tar, "-xf", archive.toString(), "-C", sandbox.toString())
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes()).trim();
        }
        try {
            if (!p.waitFor(TAR_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new FetchException("Failed to extract '" + name + "': tar timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new FetchException("Failed to extract '" + name + "': interrupted");
        }
        if (p.exitValue() != 0) {
            throw new FetchException("Failed to extract '" + name + "': " + output);
        }
    }

    /** A URI could not be fetched; the message says which and why, for the task's FAILED update. */
    static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message);
        }
    }
}
