package org.edgewise.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.edgewise.document.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** A list written to an Excel workbook: typed cells, a usable header, and a heap that does not grow with the list. */
class XlsxExportTest {

    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final int MEBIBYTE = 1024 * 1024;

    /** One row of a large list, made when the source is asked for it and forgotten when written. */
    record Line(long id, String name, BigDecimal amount, OffsetDateTime at, String region) { }

    private static final List<XlsxExport.Column<Line>> LINE_COLUMNS = List.of(
            new XlsxExport.Column<>("Id", Line::id),
            new XlsxExport.Column<>("Name", Line::name),
            new XlsxExport.Column<>("Amount", Line::amount),
            new XlsxExport.Column<>("At", Line::at),
            new XlsxExport.Column<>("Region", Line::region));

    @Test
    void aHundredThousandRowsStreamToTheFileWhileTheHeapStaysFlat(@TempDir Path dir) throws Exception {
        streamsWithAFlatHeap(100_000, dir);
    }

    /**
     * The whole million, which the list of a busy Master may reach: about 25 s alone on this project's
     * machines, over a minute beside other builds, so it runs when asked:
     * {@code mvn test -Dtest=XlsxExportTest -Dedgewise.test.million=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "edgewise.test.million", matches = "true")
    void aMillionRowsStreamToTheFileWhileTheHeapStaysFlat(@TempDir Path dir) throws Exception {
        streamsWithAFlatHeap(1_000_000, dir);
    }

    /**
     * Writes rows made on demand to a file, measuring the heap the JVM holds after a full collection before
     * and at every tenth of them, then reads the file back as a stream.
     */
    private static void streamsWithAFlatHeap(int rows, Path dir) throws Exception {
        int tenth = rows / 10;
        List<Long> heapAfterGc = new ArrayList<>();
        heapAfterGc.add(heapAfterGc());
        Function<PageRequest, List<Line>> source = page -> {
            if (page.offset() % tenth == 0) {
                heapAfterGc.add(heapAfterGc());
            }
            return IntStream.range(page.offset(), Math.min(rows, page.offset() + page.limit()))
                    .mapToObj(XlsxExportTest::line).toList();
        };
        Path file = dir.resolve("lines.xlsx");

        try (OutputStream out = Files.newOutputStream(file)) {
            new XlsxExport<>("Lines", LINE_COLUMNS, source, PageRequest.all()).write(out);
        }

        long base = heapAfterGc.get(0);
        long grownMost = heapAfterGc.stream().mapToLong(used -> used - base).max().orElseThrow();
        assertThat(heapAfterGc).as("once before, then at every tenth of the rows and at the end").hasSize(12);
        // holding the rows, or the cells written, would add some 70 MiB every 100,000 rows
        assertThat(grownMost).as("bytes of heap used after a full collection, before and every %d rows: %s", tenth,
                heapAfterGc).isLessThan(32L * MEBIBYTE);

        SheetSummary sheet = SheetSummary.of(file);
        assertThat(sheet.sheets).isEqualTo(1);
        assertThat(sheet.rows).isEqualTo(rows + 1);
        assertThat(sheet.first.values).containsExactly("Id", "Name", "Amount", "At", "Region");
        assertThat(sheet.second.types).containsExactly("n", "inlineStr", "n", "n", "inlineStr");
        assertThat(Double.parseDouble(sheet.second.values.get(0))).isZero();
        assertThat(sheet.second.values.get(1)).isEqualTo("Line 0000000");
        assertThat(DateUtil.getLocalDateTime(Double.parseDouble(sheet.second.values.get(3))))
                .isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
        Line last = line(rows - 1);
        assertThat(Double.parseDouble(sheet.last.values.get(0))).isEqualTo(last.id());
        assertThat(sheet.last.values.get(1)).isEqualTo(last.name());
        assertThat(Double.parseDouble(sheet.last.values.get(2))).isEqualTo(last.amount().doubleValue());
        assertThat(DateUtil.getLocalDateTime(Double.parseDouble(sheet.last.values.get(3))))
                .isEqualTo(last.at().toLocalDateTime());
        assertThat(sheet.last.values.get(4)).isEqualTo(last.region());
        assertThat(sheet.lastDateFormat).isEqualTo("yyyy-mm-dd hh:mm:ss");
    }

    @Test
    void numbersAndMomentsKeepTheirKindsAndTextIsCutToWhatACellHolds() throws IOException {
        record Item(String name, Long count, BigDecimal price, OffsetDateTime at, LocalDate day, String note) { }
        List<Item> items = List.of(
                new Item("first", 42L, new BigDecimal("12.50"), OffsetDateTime.parse("2026-03-01T10:15:30+02:00"),
                        LocalDate.of(2026, 3, 1), "x".repeat(40_000)),
                new Item("second", null, null, null, null, "=1+1"));
        List<XlsxExport.Column<Item>> columns = List.of(
                new XlsxExport.Column<>("Name", Item::name),
                new XlsxExport.Column<>("Count", Item::count),
                new XlsxExport.Column<>("Price", Item::price),
                new XlsxExport.Column<>("At", Item::at),
                new XlsxExport.Column<>("Day", Item::day),
                new XlsxExport.Column<>("Note", Item::note));

        try (XSSFWorkbook workbook = written(new XlsxExport<>("Items", columns, page -> window(items, page),
                PageRequest.all()))) {
            XSSFSheet sheet = workbook.getSheet("Items");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Name");
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getPaneInformation().getVerticalSplitPosition()).isZero();
            assertThat(CellRangeAddress.valueOf(sheet.getCTWorksheet().getAutoFilter().getRef()))
                    .isEqualTo(new CellRangeAddress(0, 2, 0, 5));

            Row first = sheet.getRow(1);
            assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(42.0);
            assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(12.5);
            Cell at = first.getCell(3);
            assertThat(DateUtil.isCellDateFormatted(at)).isTrue();
            assertThat(at.getLocalDateTimeCellValue()).as("in UTC, as the console shows it")
                    .isEqualTo(LocalDateTime.of(2026, 3, 1, 8, 15, 30));
            assertThat(at.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(first.getCell(4).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThat(first.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            String note = first.getCell(5).getStringCellValue();
            assertThat(note).hasSize(32_767).startsWith("xxxx").endsWith("x…");

            Row second = sheet.getRow(2);
            assertThat(second.getCell(1)).as("nothing to show is an empty cell").isNull();
            assertThat(second.getCell(5).getCellType()).as("text, never a formula").isEqualTo(CellType.STRING);
            assertThat(second.getCell(5).getStringCellValue()).isEqualTo("=1+1");
        }
    }

    @Test
    void textIsNeverCutBetweenTheTwoHalvesOfACharacter() throws IOException {
        String text = "y".repeat(32_765) + "😀" + "tail";
        List<XlsxExport.Column<String>> columns = List.of(new XlsxExport.Column<>("Text", s -> s));

        try (XSSFWorkbook workbook = written(new XlsxExport<>("Texts", columns, page -> window(List.of(text), page),
                PageRequest.all()))) {
            String cut = workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue();
            assertThat(cut).isEqualTo("y".repeat(32_765) + "…");
        }
    }

    @Test
    void theSourceIsWalkedAPageAtATimeWithTheListsFilterStateAndSort() throws IOException {
        List<Integer> numbers = IntStream.range(0, 10_000).boxed().toList();
        List<PageRequest> asked = new ArrayList<>();
        PageRequest shown = new PageRequest("needle", "open", List.of(new PageRequest.Sort("number", false)), 50, 25);

        try (XSSFWorkbook workbook = written(new XlsxExport<>("Numbers",
                List.of(new XlsxExport.Column<Integer>("Number", n -> n)), page -> {
                    asked.add(page);
                    return window(numbers, page);
                }, shown))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(10_000);
            assertThat(workbook.getSheetAt(0).getRow(10_000).getCell(0).getNumericCellValue()).isEqualTo(9_999.0);
        }
        PageRequest.Sort sort = new PageRequest.Sort("number", false);
        assertThat(asked).containsExactly(
                new PageRequest("needle", "open", List.of(sort), 0, 5_000),
                new PageRequest("needle", "open", List.of(sort), 5_000, 5_000),
                new PageRequest("needle", "open", List.of(sort), 10_000, 5_000));
    }

    @Test
    void aListLongerThanASheetContinuesOnTheNextWithTheSameHeader() throws IOException {
        List<Integer> numbers = IntStream.rangeClosed(1, 7).boxed().toList();

        try (XSSFWorkbook workbook = written(new XlsxExport<>("A title longer than a sheet's name may be",
                List.of(new XlsxExport.Column<Integer>("Number", n -> n)), page -> window(numbers, page),
                PageRequest.all(), 4))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(0)).isEqualTo("A title longer than a sheet's n");
            assertThat(workbook.getSheetName(1)).isEqualTo("A title longer than a sheet's 2");
            assertThat(workbook.getSheetName(2)).isEqualTo("A title longer than a sheet's 3");
            List<List<String>> sheets = new ArrayList<>();
            workbook.forEach(sheet -> {
                List<String> cells = new ArrayList<>();
                sheet.forEach(row -> cells.add(row.getCell(0).toString()));
                sheets.add(cells);
            });
            assertThat(sheets).containsExactly(List.of("Number", "1.0", "2.0", "3.0"), List.of("Number", "4.0", "5.0", "6.0"),
                    List.of("Number", "7.0"));
        }
    }

    @Test
    void anEmptyListIsAHeaderAlone() throws IOException {
        try (XSSFWorkbook workbook = written(new XlsxExport<>("Nothing", LINE_COLUMNS, page -> List.of(),
                PageRequest.all()))) {
            XSSFSheet sheet = workbook.getSheet("Nothing");
            assertThat(sheet.getLastRowNum()).isZero();
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Region");
        }
    }

    private static Line line(int i) {
        return new Line(i, String.format("Line %07d", i), BigDecimal.valueOf(i, 2), START.plusSeconds(i),
                "region-" + i % 10);
    }

    private static <T> List<T> window(List<T> all, PageRequest page) {
        return all.subList(Math.min(all.size(), page.offset()), Math.min(all.size(), page.offset() + page.limit()));
    }

    private static XSSFWorkbook written(XlsxExport<?> export) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    /** The heap the JVM holds on to: what is left after a full collection. */
    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** One row of a sheet as its XML holds it: each cell's raw value and type ("n" for numbers). */
    record RowSeen(List<String> values, List<String> types, List<String> styles) { }

    /**
     * What a streaming read of a workbook found: its sheets, the rows of the first, and the first, second and
     * last of those. It reads the sheet's XML with SAX, as a sheet of a million rows is too big to load.
     */
    static final class SheetSummary extends DefaultHandler {

        int sheets;
        int rows;
        RowSeen first;
        RowSeen second;
        RowSeen last;
        String lastDateFormat;

        private RowSeen row;
        private StringBuilder text;

        static SheetSummary of(Path file) throws Exception {
            SheetSummary summary = new SheetSummary();
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                StylesTable styles = reader.getStylesTable();
                XSSFReader.SheetIterator it = reader.getSheetIterator();
                while (it.hasNext()) {
                    try (InputStream sheet = it.next()) {
                        if (summary.sheets++ == 0) {
                            XMLReader parser = XMLHelper.newXMLReader();
                            parser.setContentHandler(summary);
                            parser.parse(new InputSource(sheet));
                        }
                    }
                }
                summary.lastDateFormat = styles.getStyleAt(Integer.parseInt(summary.last.styles.get(3)))
                        .getDataFormatString();
            }
            return summary;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> row = new RowSeen(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                case "c" -> {
                    row.types.add(attributes.getValue("t") == null ? "n" : attributes.getValue("t"));
                    row.styles.add(attributes.getValue("s") == null ? "0" : attributes.getValue("s"));
                    row.values.add("");
                }
                case "v", "t" -> text = new StringBuilder();
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> {
                    row.values.set(row.values.size() - 1, text.toString());
                    text = null;
                }
                case "row" -> {
                    rows++;
                    if (rows == 1) {
                        first = row;
                    } else if (rows == 2) {
                        second = row;
                    }
                    last = row;
                }
                default -> { }
            }
        }
    }
}
