import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kv release's tests, run in the partition of a fresh instance: {@code java KvTest.java ADDRESS PORT
 * MAX_VALUE_BYTES}. Writes its results as JUnit XML to var/test-reports/TEST-KvTest.xml and exits 1 when a case
 * fails. Plain JDK, like the release itself.
 */
public class KvTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = "http://" + args[0] + ":" + args[1] + "/";
        int maxValueBytes = Integer.parseInt(args[2]);
        Suite suite = new Suite("KvTest");
        suite.test("aValuePutIsReadBack", () -> {
            expect(204, send(base + "greeting", "PUT", "hello"));
            HttpResponse<String> read = send(base + "greeting", "GET", null);
            expect(200, read);
            if (!read.body().equals("hello")) {
                throw new AssertionError("expected the value \"hello\" but got \"" + read.body() + "\"");
            }
        });
        suite.test("aMissingKeyIsNotFound", () -> expect(404, send(base + "never-put-" + System.nanoTime(), "GET", null)));
        suite.test("aValueOverTheLimitIsRefused", () -> expect(413, send(base + "large", "PUT", "x".repeat(maxValueBytes + 1))));
        System.exit(suite.report(Path.of("var/test-reports")) ? 0 : 1);
    }

    static HttpResponse<String> send(String url, String method, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + response.request().method() + " "
                    + response.uri().getPath() + " but got " + response.statusCode() + ": " + response.body().strip());
        }
    }

    interface Case {
        void run() throws Exception;
    }

    /** Runs cases one after the other and writes what happened as a JUnit XML report. */
    static final class Suite {
        record Result(String name, double seconds, String kind, Throwable thrown) { }

        final String name;
        final List<Result> results = new ArrayList<>();

        Suite(String name) {
            this.name = name;
        }

        void test(String test, Case body) {
            long started = System.nanoTime();
            Throwable thrown = null;
            try {
                body.run();
            } catch (Throwable t) {
                thrown = t;
            }
            String kind = thrown == null ? null : thrown instanceof AssertionError ? "failure" : "error";
            results.add(new Result(test, (System.nanoTime() - started) / 1e9, kind, thrown));
            System.out.println((kind == null ? "passed " : kind + " ") + test + (thrown == null ? "" : ": " + thrown.getMessage()));
        }

        /** Writes TEST-NAME.xml in the directory; true when every case passed. */
        boolean report(Path dir) throws IOException {
            long failures = results.stream().filter(r -> "failure".equals(r.kind())).count();
            long errors = results.stream().filter(r -> "error".equals(r.kind())).count();
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">%n",
                    escape(name), results.size(), failures, errors));
            for (Result r : results) {
                xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                        escape(name), escape(r.name()), r.seconds()));
                if (r.kind() == null) {
                    xml.append("/>\n");
                    continue;
                }
                java.io.StringWriter trace = new java.io.StringWriter();
                r.thrown().printStackTrace(new java.io.PrintWriter(trace));
                xml.append(">\n    <").append(r.kind()).append(" message=\"").append(escape(String.valueOf(r.thrown().getMessage())))
                        .append("\" type=\"").append(r.thrown().getClass().getName()).append("\">")
                        .append(escape(trace.toString())).append("</").append(r.kind()).append(">\n  </testcase>\n");
            }
            xml.append("</testsuite>\n");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("TEST-" + name + ".xml"), xml, StandardCharsets.UTF_8);
            System.out.println(failures + errors == 0 ? results.size() + " passed"
                    : (failures + errors) + " of " + results.size() + " failed");
            return failures + errors == 0;
        }

        static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
