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
 * The tests of web 2.1, which means to answer as web 1 did, run in the partition of a fresh instance:
 * {@code java WebTest.java ADDRESS PORT TITLE GREETING}. Writes its results as JUnit XML to
 * var/test-reports/TEST-WebTest.xml and exits 1 when a case fails. Plain JDK, like the release itself.
 */
public class WebTest {

    public static void main(String[] args) throws Exception {
        String base = "http://" + args[0] + ":" + args[1] + "/";
        String title = args[2];
        String greeting = args[3];
        Suite suite = new Suite("WebTest");
        suite.test("answersWithTheGreeting", () -> expect("Hello from " + title + ": " + greeting, get(base).replaceAll("\\R$", "")));
        suite.test("answersWithTheTitle", () -> {
            String answer = get(base);
            if (!answer.startsWith("Hello from " + title + ":")) {
                throw new AssertionError("expected the answer to start with \"Hello from " + title + ":\" but got \""
                        + answer.strip() + "\"");
            }
        });
        suite.test("countsRequestsInVarUsageRequests", () -> {
            get(base);
            long before = settledCount();
            get(base);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (count() <= before && System.nanoTime() < deadline) {
                Thread.sleep(50); // the count is written once the answer is sent
            }
            if (count() <= before) { // grow, not grow by one: the node's promise may ask at any time
                throw new AssertionError("expected the count in var/usage/requests to grow from " + before
                        + " after a request, but it is " + count());
            }
        });
        System.exit(suite.report(Path.of("var/test-reports")) ? 0 : 1);
    }

    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("expected 200 from " + url + " but got " + r.statusCode() + ": " + r.body().strip());
        }
        return r.body();
    }

    /** The count once the requests answered so far are written: each is counted just after its answer is sent. */
    static long settledCount() throws IOException, InterruptedException {
        long count = count();
        while (true) {
            Thread.sleep(200);
            long now = count();
            if (now == count) {
                return count;
            }
            count = now;
        }
    }

    static long count() throws IOException {
        Path file = Path.of("var/usage/requests");
        return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
    }

    static void expect(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected the answer \"" + expected + "\" but got \"" + actual + "\"");
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
