import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A web service answering on its partition's address: "Hello from TITLE: GREETING". */
public class Web {
    public static void main(String[] args) throws Exception {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        String title = args[2];
        Path greetingFile = Path.of(args[3]);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            String greeting = Files.exists(greetingFile) ? Files.readString(greetingFile).strip() : "";
            byte[] body = ("Hello from " + title + ": " + greeting + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("web " + title + " listening on http://" + address + ":" + port + "/");
    }
}
