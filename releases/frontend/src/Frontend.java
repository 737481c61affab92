import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A frontend hosting shared instances: each has a properties file in the shared directory (written by
 * the node from the instance's parameters) and is served under /REFERENCE/.
 */
public class Frontend {
    public static void main(String[] args) throws Exception {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        Path shared = Path.of(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            int status = 200;
            String text;
            if (parts.length < 2) {
                text = "frontend ready\n";
            } else {
                Path site = shared.resolve(parts[1] + ".properties");
                if (parts[1].matches("[A-Z]+-[0-9]+") && Files.exists(site)) {
                    Properties p = new Properties();
                    try (Reader in = Files.newBufferedReader(site, StandardCharsets.UTF_8)) {
                        p.load(in);
                    }
                    text = "Site " + p.getProperty("domain", p.getProperty("title")) + " (" + parts[1] + ")\n";
                } else {
                    status = 404;
                    text = "no site " + parts[1] + "\n";
                }
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("frontend listening on http://" + address + ":" + port + "/");
    }
}
