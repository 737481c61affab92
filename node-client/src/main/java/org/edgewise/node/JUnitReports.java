package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * JUnit XML reports, as test tools of every language write them ({@code <testsuite>} or {@code <testsuites>}
 * holding {@code <testcase>} elements), read into one {@link TestRun.Line} per test case. The files come from
 * the release under test, so the parser reads no DTD and resolves no external entity.
 */
final class JUnitReports {

    private JUnitReports() {
    }

    /** The report files at a path: the file itself, or every {@code *.xml} of a directory, by name; none if absent. */
    static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xml") && Files.isRegularFile(f)).sorted()
                    .toList();
        }
    }

    /**
     * One line per test case of the report, in its order. A report that is not JUnit XML is one {@code error}
     * line named after the command that should have written it.
     */
    static List<TestRun.Line> read(Path report, String command) {
        Document document;
        try {
            document = parser().parse(report.toFile());
        } catch (IOException | SAXException e) {
            return List.of(new TestRun.Line(command, "error", null, "cannot read the JUnit report "
                    + report.getFileName() + ": " + e.getMessage(), null));
        }
        List<TestRun.Line> lines = new ArrayList<>();
        NodeList cases = document.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            lines.add(line((Element) cases.item(i)));
        }
        return lines;
    }

    private static TestRun.Line line(Element testcase) {
        String name = testcase.getAttribute("name");
        String classname = testcase.getAttribute("classname");
        String status = "passed";
        String message = null;
        StringBuilder log = new StringBuilder();
        for (Node n = testcase.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            switch (child.getTagName()) {
                case "failure", "error", "skipped" -> {
                    status = switch (child.getTagName()) {
                        case "failure" -> "failed";
                        case "error" -> "error";
                        default -> "skipped";
                    };
                    message = message(child);
                    log.append(child.getTextContent().strip()).append('\n');
                }
                case "system-out", "system-err" -> log.append(child.getTextContent().strip()).append('\n');
                default -> {
                    // properties and elements of other tools say nothing about the outcome
                }
            }
        }
        String text = log.toString().strip();
        return new TestRun.Line(classname.isEmpty() ? name : classname + "." + name, status,
                durationMillis(testcase.getAttribute("time")), message, text.isEmpty() ? null : text);
    }

    /** The {@code message} attribute, else the first line of the element's text; null when it has neither. */
    private static String message(Element outcome) {
        String attribute = outcome.getAttribute("message").strip();
        if (!attribute.isEmpty()) {
            return attribute;
        }
        String text = outcome.getTextContent().strip();
        return text.isEmpty() ? null : text.lines().findFirst().orElse(null);
    }

    /** {@code time} is in seconds with a decimal point; some tools write thousands with a comma. */
    private static Long durationMillis(String time) {
        try {
            return time.isBlank() ? null : Math.round(Double.parseDouble(time.replace(",", "")) * 1000);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() { // the JDK's default prints to the console; we report instead
                @Override
                public void warning(SAXParseException e) {
                    // a warning does not make the report unreadable
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature: " + e.getMessage(), e);
        }
    }
}
