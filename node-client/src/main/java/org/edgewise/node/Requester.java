package org.edgewise.node;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The requester command line, like {@code slapos request}: request, list, show and destroy instance
 * trees, and supply releases on computers, with a user's API token. Readable tables by default,
 * JSON with {@code --json}.
 */
final class Requester {

    private Requester() {
    }

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--master", defaultValue = "${env:EDGEWISE_MASTER:-http://localhost:8080}",
                description = "The Master's URL (default: $EDGEWISE_MASTER or ${DEFAULT-VALUE}).")
        String master;

        @Option(names = "--token", defaultValue = "${env:EDGEWISE_TOKEN}",
                description = "Your API token (default: $EDGEWISE_TOKEN); make one in the console under Account.")
        String token;

        @Option(names = "--json", description = "Print the Master's JSON answer.")
        boolean json;

        Master master() {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("An API token is needed: --token or EDGEWISE_TOKEN.");
            }
            return new Master(master, token);
        }

        /**
         * A tree by its reference or its root instance's. The Master answers 404 alike for a reference that
         * does not exist, one of somebody else's and a child instance's, so the message covers all three.
         */
        JsonNode tree(String method, String reference) throws IOException {
            String path = "/api/v1/trees/" + URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20");
            try {
                return master().send(method, path, null).body();
            } catch (Master.MasterException e) {
                if (e.status != 404) {
                    throw e;
                }
                throw new Master.MasterException(404, "No tree " + reference + " among yours. Give a tree's reference "
                        + "(TREE-...) or its root instance's, as request prints them; a child instance is shown "
                        + "with its tree. 'list' shows your trees.");
            }
        }

        void print(JsonNode body, Runnable table) throws IOException {
            if (json) {
                System.out.println(Master.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            } else {
                table.run();
            }
        }
    }

    @Command(name = "request", description = "Request (or update) the instance tree of a title, or order a product of the"
            + " shop.")
    static class Request extends Base {
        @Parameters(index = "0", description = "Title of the tree; the same title updates the same tree.")
        String title;

        @Parameters(index = "1", description = "A release URL (file:, http:, https:), or the name of a product of the shop,"
                + " which is ordered as the shop orders it.")
        String release;

        @Option(names = {"--type", "--plan"}, description = "The software type (the shop's plan); default: 'default' for a"
                + " release URL, the product's first plan for a product.")
        String type;

        @Option(names = "--parameter", description = "NAME=VALUE, repeatable.")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--sla", description = "KEY=VALUE (computer, region, capability, instance), repeatable.")
        Map<String, String> sla = new LinkedHashMap<>();

        @Option(names = "--state", defaultValue = "started", description = "started, stopped or destroyed.")
        String state;

        @Option(names = "--shared", description = "A shared instance, placed inside a host instance.")
        boolean shared;

        @Override
        public Integer call() throws IOException {
            if (!release.matches("(?i)(file|https?):.*")) {
                return order();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("releaseUrl", release);
            body.put("softwareType", type == null ? "default" : type);
            body.put("parameters", parameters);
            body.put("sla", sla);
            body.put("state", state);
            body.put("shared", shared);
            JsonNode answer = master().post("/api/v1/trees", body).body();
            // the tree's reference first: show and destroy take it
            print(answer, () -> {
                System.out.println(answer.get("tree").asText() + "  " + answer.get("root").get("title").asText());
                printInstance(answer.get("root"));
            });
            return 0;
        }

        /** A product of the shop, ordered: the order's reference and state, then the services it became. */
        private int order() throws IOException {
            if (!sla.isEmpty() || shared || !state.equals("started")) {
                throw new IllegalArgumentException("--sla, --shared and --state go with a release URL; a product of the"
                        + " shop is ordered with its plan and parameters only.");
            }
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("product", release);
            if (type != null) {
                service.put("plan", type);
            }
            service.put("title", title);
            service.put("parameters", parameters);
            JsonNode answer = master().post("/api/v1/orders", Map.of("services", List.of(service))).body();
            print(answer, () -> {
                String note = answer.path("checkNote").isTextual() ? "  " + answer.get("checkNote").asText() : "";
                System.out.println(answer.get("reference").asText() + "  " + answer.get("state").asText() + note);
                for (JsonNode line : answer.get("lines")) {
                    System.out.println("  " + (line.path("tree").isTextual() ? line.get("tree").asText() : "(not yet)")
                            + "  " + line.get("title").asText() + "  " + line.get("product").asText() + " "
                            + line.get("softwareType").asText());
                }
            });
            return 0;
        }
    }

    @Command(name = "list", description = "List your instance trees.")
    static class ListTrees extends Base {
        @Override
        public Integer call() throws IOException {
            JsonNode answer = master().get("/api/v1/trees").body();
            print(answer, () -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("TREE", "TITLE", "STATE", "REPORTED", "PLACE"));
                for (JsonNode t : answer) {
                    rows.add(List.of(t.get("reference").asText(), t.get("title").asText(), t.get("state").asText(),
                            t.path("reportedState").asText("-"), t.path("place").isNull() || t.path("place").isMissingNode()
                                    ? "pending: " + t.path("allocationNote").asText("") : t.get("place").asText()));
                }
                table(rows);
            });
            return 0;
        }
    }

    @Command(name = "show", description = "Show a tree, its instances and their connection parameters.")
    static class Show extends Base {
        @Parameters(index = "0", description = "The tree's reference, e.g. TREE-000001, or its root instance's.")
        String reference;

        @Override
        public Integer call() throws IOException {
            JsonNode answer = tree("GET", reference);
            print(answer, () -> {
                System.out.println(answer.get("reference").asText() + "  " + answer.get("title").asText() + "  ("
                        + answer.get("state").asText() + ")");
                for (JsonNode instance : answer.get("instances")) {
                    printInstance(instance);
                }
            });
            return 0;
        }
    }

    @Command(name = "destroy", description = "Destroy a tree and all its instances.")
    static class Destroy extends Base {
        @Parameters(index = "0", description = "The tree's reference, e.g. TREE-000001, or its root instance's.")
        String reference;

        @Override
        public Integer call() throws IOException {
            JsonNode answer = tree("DELETE", reference);
            print(answer, () -> System.out.println(answer.get("reference").asText() + "  " + answer.get("title").asText()
                    + " is " + answer.get("state").asText()));
            return 0;
        }
    }

    @Command(name = "supply", description = "Supply a release on a computer (operators); --remove to remove it.")
    static class Supply extends Base {
        @Parameters(index = "0", description = "Release URL.")
        String release;

        @Parameters(index = "1", description = "Computer reference, e.g. COMP-000001.")
        String computer;

        @Option(names = "--remove")
        boolean remove;

        @Override
        public Integer call() throws IOException {
            JsonNode answer = remove
                    ? master().delete("/api/v1/computers/" + computer + "/software?url="
                            + URLEncoder.encode(release, StandardCharsets.UTF_8)).body()
                    : master().post("/api/v1/computers/" + computer + "/software", Map.of("url", release)).body();
            print(answer, () -> System.out.println(release + " on " + computer + ": requested "
                    + answer.get("requestedState").asText() + ", reported " + answer.path("reportedState").asText("nothing yet")));
            return 0;
        }
    }

    static void printInstance(JsonNode i) {
        instanceLines(i).forEach(System.out::println);
    }

    /**
     * An instance and its connection parameters. Those of a destroyed instance are shown as what they were:
     * its address and ports go to the next service placed there.
     */
    static List<String> instanceLines(JsonNode i) {
        List<String> lines = new ArrayList<>();
        String place = i.path("computer").isTextual() ? i.get("computer").asText() + " " + i.get("partition").asText()
                : "pending: " + i.path("allocationNote").asText("");
        lines.add("  " + i.get("reference").asText() + "  " + i.get("title").asText() + "  requested "
                + i.get("requestedState").asText() + ", reported " + i.path("reportedState").asText("nothing yet")
                + "  " + place);
        boolean gone = i.path("requestedState").asText().equals("destroyed")
                || i.path("reportedState").asText().equals("destroyed");
        var fields = i.path("connectionParameters").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            lines.add("      " + f.getKey() + (gone ? " (was)" : "") + " = "
                    + (f.getValue().isTextual() ? f.getValue().asText() : f.getValue()));
        }
        return lines;
    }

    static void table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(String.format("%-" + (widths[c] + 2) + "s", row.get(c)));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}
