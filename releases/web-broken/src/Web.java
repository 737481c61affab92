import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Web 2.1, a release that must not reach production: it starts, and its promise holds (the answer still says
 * "Hello from TITLE"), but it lost the greeting on the way: it answers "Hello from TITLE: ". Its own tests
 * catch it: exactly one case, the one about the greeting, fails on a fresh instance. It counts the requests it
 * answers in a file (a whole number, from where an earlier run left it), which the node reports as usage.
 */
public class Web {

    private static long answered;

    public static void main(String[] args) throws Exception {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        String title = args[2];
        // args[3], the greeting's file, is what this version forgot to read
        Path requestsFile = Path.of(args[4]);
        answered = Files.exists(requestsFile) ? Long.parseLong(Files.readString(requestsFile).strip()) : 0;
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("Hello from " + title + ": \n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            count(requestsFile);
        });
        server.start();
        System.out.println("web " + title + " listening on http://" + address + ":" + port + "/");
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
