package org.edgewise.catalog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a release's descriptor, {@code release.json}, from where nodes fetch the release: a {@code file:}
 * directory or archive, an {@code http(s):} directory (its URL + {@code /release.json}) or archive
 * ({@code .zip}, {@code .tar.gz}, {@code .tgz}, {@code .tar}). Only the descriptor is read; an archive is read
 * up to its {@code release.json} entry. The Master reads it while a person or a script waits, so the network
 * gets a few seconds, not the minutes a node's build may take.
 */
@Component
class ReleaseDescriptors {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_DESCRIPTOR_BYTES = 1024 * 1024;
    private static final String DESCRIPTOR = "release.json";

    /** Why a release's descriptor could not be read, for its page and timeline. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(CONNECT_TIMEOUT).build();

    ReleaseDescriptors(ObjectMapper json) {
        this.json = json;
    }

    /**
     * What a descriptor says that the Master keeps, read once: the parameter schemas (software type -> its
     * {@code parameters}, maybe none), whether its instances may move to another computer when theirs is lost
     * ({@code "movable": true}), and its {@code tests}; or, when it cannot be read, why ({@code unreadable}: then
     * no schemas, nothing moves and no tests).
     */
    record Declared(ObjectNode parameterSchemas, boolean movable, JsonNode tests, String unreadable) { }

    Declared declared(String url) {
        JsonNode descriptor;
        try {
            descriptor = read(url);
        } catch (Unreadable e) {
            return new Declared(null, false, null, e.getMessage());
        }
        ObjectNode schemas = json.createObjectNode();
        descriptor.path("types").fields().forEachRemaining(type -> {
            JsonNode parameters = type.getValue().get("parameters");
            if (parameters != null) {
                schemas.set(type.getKey(), parameters);
            }
        });
        JsonNode tests = descriptor.get("tests");
        return new Declared(schemas, descriptor.path("movable").asBoolean(false),
                tests != null && tests.isObject() ? tests : null, null);
    }

    private JsonNode read(String url) throws Unreadable {
        byte[] text;
        try {
            text = descriptorBytes(URI.create(url));
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreadable(DESCRIPTOR + " could not be read from " + url + ": " + reason(e));
        }
        try {
            JsonNode descriptor = json.readTree(text);
            if (descriptor == null || !descriptor.isObject()) {
                throw new Unreadable(DESCRIPTOR + " of " + url + " is not a JSON object.");
            }
            return descriptor;
        } catch (JsonProcessingException e) {
            throw new Unreadable(DESCRIPTOR + " of " + url + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unreadable(DESCRIPTOR + " of " + url + " could not be read: " + reason(e));
        }
    }

    private byte[] descriptorBytes(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            Path path = Path.of(uri);
            if (Files.isDirectory(path)) {
                return limited(Files.newInputStream(path.resolve(DESCRIPTOR)));
            }
            return fromArchive(uri.getPath(), Files.newInputStream(path));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("a release URL starts with file:, http: or https:");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        boolean archive = isArchive(path);
        URI target = archive ? uri : URI.create(uri.toString().replaceAll("/+$", "") + "/" + DESCRIPTOR);
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(target).timeout(ANSWER_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (answer.statusCode() != 200) {
            answer.body().close();
            throw new IOException(target + " answered " + answer.statusCode());
        }
        return archive ? fromArchive(path, answer.body()) : limited(answer.body());
    }

    private static boolean isArchive(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar");
    }

    /** The descriptor entry at the archive's root; a zip by its name, anything else is a tar, gzipped or not. */
    private static byte[] fromArchive(String path, InputStream raw) throws IOException {
        try (InputStream in = new BufferedInputStream(raw)) {
            if (path.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(in)) {
                    for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                        if (isDescriptor(e.getName())) {
                            return limited(zip);
                        }
                    }
                }
            } else {
                in.mark(2);
                boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
                in.reset();
                try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GZIPInputStream(in) : in)) {
                    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                        if (isDescriptor(e.getName())) {
                            return limited(tar);
                        }
                    }
                }
            }
        }
        throw new IOException("the archive has no " + DESCRIPTOR + " at its root");
    }

    private static boolean isDescriptor(String entry) {
        return entry.equals(DESCRIPTOR) || entry.equals("./" + DESCRIPTOR);
    }

    private static byte[] limited(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
            if (bytes.length > MAX_DESCRIPTOR_BYTES) {
                throw new IOException(DESCRIPTOR + " is larger than " + MAX_DESCRIPTOR_BYTES / 1024 + " KiB");
            }
            return bytes;
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file " + e.getMessage();
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof java.net.ConnectException) {
            return "nothing answers there";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
