import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An application that keeps nothing itself: GET /KEY answers with what its database child holds for KEY. */
public class App {
    public static void main(String[] args) throws Exception {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        String database = args[2].replaceAll("/+$", "");
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[3]));
        HttpClient client = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestURI().getPath().substring(1);
            int status;
            String text;
            if (key.isEmpty()) {
                status = 200;
                text = "app using " + database + "\n";
            } else {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(database + "/" + key)).timeout(timeout).build(),
                            HttpResponse.BodyHandlers.ofString());
                    status = r.statusCode();
                    text = r.statusCode() == 200 ? "app read " + key + " = " + r.body() : r.body();
                } catch (Exception e) {
                    status = 502;
                    text = "database " + database + " unreachable: " + e.getMessage() + "\n";
                }
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("app listening on http://" + address + ":" + port + "/ using " + database);
    }
}
