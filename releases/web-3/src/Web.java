import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Web 3, answering on its partition's address: "Hello from TITLE: GREETING (web 3)", and counting the requests it
 * answers like the versions before it.
 *
 * <p>It is here as a release whose upgrade path is broken, which tests on a fresh instance do not catch. Web 3
 * marks the partitions whose request count it started itself (var/usage/web-3) and was never taught to read a
 * count an older version left. In a fresh instance, where its tests run, there is no such count, so its tests
 * pass; in a partition upgraded from web 1 or 2, it finds var/usage/requests without its mark and answers every
 * request with HTTP 500, so its promise web-answers fails once the upgrade is made.
 */
public class Web {

    private static long answered;

    public static void main(String[] args) throws Exception {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        String title = args[2];
        Path greetingFile = Path.of(args[3]);
        Path requestsFile = Path.of(args[4]);
        Path mark = requestsFile.resolveSibling("web-3");
        boolean olderCount = Files.exists(requestsFile) && !Files.exists(mark);
        if (!olderCount) {
            Files.createDirectories(mark.toAbsolutePath().getParent());
            Files.writeString(mark, "the request count is web 3's\n");
            answered = Files.exists(requestsFile) ? Long.parseLong(Files.readString(requestsFile).strip()) : 0;
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            int status = olderCount ? 500 : 200;
            String greeting = Files.exists(greetingFile) ? Files.readString(greetingFile).strip() : "";
            byte[] body = (olderCount ? "web 3 cannot read the request count an older version left\n"
                    : "Hello from " + title + ": " + greeting + " (web 3)\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            if (!olderCount) {
                count(requestsFile);
            }
        });
        server.start();
        System.out.println("web 3 " + title + " listening on http://" + address + ":" + port + "/"
                + (olderCount ? "; it cannot read the request count an older version left and answers 500" : ""));
    }

    /** One more request answered; the file is replaced whole, so the node never reads half a number. */
    private static synchronized void count(Path file) throws IOException {
        answered++;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(answered));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
