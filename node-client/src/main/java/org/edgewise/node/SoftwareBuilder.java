package org.edgewise.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Facet 1, build: fetches a release ({@code file:} directory or archive, {@code http(s):} archive) and
 * runs its build commands once into its own software directory. The build happens in a scratch
 * directory that is renamed into place only when every command succeeded, so a half-finished build is
 * never used: it is thrown away and redone. A release whose descriptor this node cannot run is refused
 * before any of its commands runs, and not fetched again while this process lives (an upgraded node client
 * is a new process) unless it is removed and supplied anew.
 */
final class SoftwareBuilder {

    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private final Path root;
    /** Why a release was refused, by URL: fetching it again cannot change the answer of this node client. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    SoftwareBuilder(Path root) {
        this.root = root;
    }

    /** Why this node client refused the release, or null when it did not. */
    String refusal(String url) {
        return refused.get(url);
    }

    Path directory(String url) {
        return root.resolve(hash(url));
    }

    boolean isBuilt(String url) {
        return Files.isDirectory(directory(url)) && Files.exists(directory(url).resolve(Release.DESCRIPTOR));
    }

    Path log(String url) {
        return root.resolve(hash(url) + ".build.log");
    }

    /**
     * Builds the release if needed; throws with the log tail when it fails, and {@link Release.UnsupportedFormat}
     * when this node client cannot run it.
     */
    Path build(String url) throws IOException {
        Path target = directory(url);
        if (isBuilt(url)) {
            return target;
        }
        if (refused.containsKey(url)) {
            throw new Release.UnsupportedFormat(refused.get(url));
        }
        Files.createDirectories(root);
        Path scratch = root.resolve(hash(url) + ".partial");
        deleteTree(scratch);
        Files.deleteIfExists(log(url));
        fetch(url, scratch);
        Release release;
        try {
            release = Release.read(scratch);
        } catch (Release.UnsupportedFormat e) {
            refused.put(url, e.getMessage());
            deleteTree(scratch);
            throw e;
        }
        for (String command : release.build()) {
            Processes.Result r = Processes.run(command, scratch, Map.of("SOFTWARE", scratch.toString()), log(url),
                    BUILD_TIMEOUT);
            if (!r.ok()) {
                throw new IOException("build step failed (exit " + r.exitCode() + "): " + command + "\n" + r.tail());
            }
        }
        deleteTree(target);
        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    void remove(String url) throws IOException {
        refused.remove(url);
        deleteTree(directory(url));
        deleteTree(root.resolve(hash(url) + ".partial"));
        Files.deleteIfExists(log(url));
    }

    private static void fetch(String url, Path into) throws IOException {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (scheme.equals("file")) {
            Path source = Path.of(uri);
            if (Files.isDirectory(source)) {
                copyTree(source, into);
            } else {
                try (InputStream in = Files.newInputStream(source)) {
                    unpack(url, in, into);
                }
            }
        } else if (scheme.equals("http") || scheme.equals("https")) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new IOException("fetching " + url + " answered " + r.statusCode());
                }
                try (InputStream in = r.body()) {
                    unpack(url, in, into);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        } else {
            throw new IOException("A release URL starts with file:, http: or https:, not " + url);
        }
    }

    /** Zip archives are unpacked here; anything else is handed to tar (gzip or plain). */
    private static void unpack(String url, InputStream in, Path into) throws IOException {
        Files.createDirectories(into);
        if (url.endsWith(".zip")) {
            try (ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                    Path target = into.resolve(e.getName()).normalize();
                    if (!target.startsWith(into)) {
                        throw new IOException("The archive has an entry outside its directory: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return;
        }
        Path archive = Files.createTempFile("release", ".tar");
        try {
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            Processes.Result r = Processes.run("tar -xf '" + archive + "'", into, Map.of(), into.resolveSibling(
                    into.getFileName() + ".fetch.log"), Duration.ofMinutes(10));
            if (!r.ok()) {
                throw new IOException("unpacking " + url + " failed: " + r.tail());
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String hash(String url) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(url.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
