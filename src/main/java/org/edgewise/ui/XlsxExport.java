package org.edgewise.ui;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.edgewise.document.PageRequest;

/**
 * Writes a list to an Excel workbook: a bold, frozen header row with an auto-filter, then every row the
 * source gives for one filter, state and sort. It never holds the list: the source is read a page at a
 * time, and the workbook keeps only a window of rows in memory and the rest in a compressed temporary
 * file, so a list of a million rows costs the server a few megabytes, not gigabytes.
 *
 * <p>Numbers stay numbers and moments become date cells (in UTC, as the console shows them), so that
 * people can sum and sort in the sheet; everything else is text. A list longer than a sheet's rows
 * continues on another sheet with the same header.
 */
final class XlsxExport<T> {

    /** The MIME type of an .xlsx workbook. */
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Rows asked of the source at a time: few round trips, and a page is a small part of the heap. */
    private static final int PAGE_SIZE = 5_000;

    /** Rows the workbook keeps in memory before it writes them to its temporary file. */
    private static final int ROWS_IN_MEMORY = 200;

    private static final SpreadsheetVersion EXCEL = SpreadsheetVersion.EXCEL2007;
    private static final int WIDEST_COLUMN = 60;

    /** One column of the sheet: its header and what a row shows in it. */
    record Column<T>(String header, Function<? super T, ?> value) { }

    private final String title;
    private final List<Column<T>> columns;
    private final Function<PageRequest, List<T>> source;
    private final PageRequest query;
    private final int rowsPerSheet;

    /**
     * An export of the rows the source gives for the query's filter, state and sort; the query's window is
     * ignored, as the export walks the whole list a page at a time.
     */
    XlsxExport(String title, List<Column<T>> columns, Function<PageRequest, List<T>> source, PageRequest query) {
        this(title, columns, source, query, EXCEL.getMaxRows());
    }

    /** With fewer rows to a sheet than Excel allows, so that a test sees a list continue on a new sheet. */
    XlsxExport(String title, List<Column<T>> columns, Function<PageRequest, List<T>> source, PageRequest query,
            int rowsPerSheet) {
        this.title = title;
        this.columns = List.copyOf(columns);
        this.source = source;
        this.query = query;
        this.rowsPerSheet = rowsPerSheet;
    }

    /** Writes the header and every row of the list; leaves the stream open. */
    void write(OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        workbook.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(workbook);
            SheetWriter sheet = new SheetWriter(workbook, styles, 1);
            int offset = 0;
            List<T> page;
            do {
                page = source.apply(new PageRequest(query.filter(), query.state(), query.sort(), offset, PAGE_SIZE));
                for (T item : page) {
                    if (sheet.isFull()) {
                        sheet.finish();
                        sheet = new SheetWriter(workbook, styles, sheet.number + 1);
                    }
                    sheet.add(item);
                }
                offset += page.size();
            } while (page.size() == PAGE_SIZE);
            sheet.finish();
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    /** One sheet being filled: its next row and how wide each column has to be. */
    private final class SheetWriter {

        private final int number;
        private final Sheet sheet;
        private final Styles styles;
        private final int[] widths = new int[columns.size()];
        private int next;

        SheetWriter(SXSSFWorkbook workbook, Styles styles, int number) {
            this.number = number;
            this.styles = styles;
            this.sheet = workbook.createSheet(sheetName(number));
            Row header = sheet.createRow(next++);
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(columns.get(i).header());
                cell.setCellStyle(styles.header);
                widths[i] = columns.get(i).header().length();
            }
            sheet.createFreezePane(0, 1);
        }

        boolean isFull() {
            return next == rowsPerSheet;
        }

        void add(T item) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < columns.size(); i++) {
                Object value = columns.get(i).value().apply(item);
                if (value != null) {
                    widths[i] = Math.max(widths[i], write(row.createCell(i), value));
                }
            }
        }

        /** Writes the value in its kind of cell; returns how many characters wide it shows. */
        private int write(Cell cell, Object value) {
            if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
                return number.toString().length();
            }
            if (value instanceof LocalDate date) {
                cell.setCellValue(date);
                cell.setCellStyle(styles.date);
                return 10;
            }
            LocalDateTime moment = moment(value);
            if (moment != null) {
                cell.setCellValue(moment);
                cell.setCellStyle(styles.dateTime);
                return 19;
            }
            String text = fitted(value.toString());
            cell.setCellValue(text);
            return text.length();
        }

        void finish() {
            for (int i = 0; i < columns.size(); i++) {
                sheet.setColumnWidth(i, (Math.min(widths[i], WIDEST_COLUMN) + 2) * 256);
            }
            if (!columns.isEmpty()) {
                sheet.setAutoFilter(new CellRangeAddress(0, next - 1, 0, columns.size() - 1));
            }
        }
    }

    private String sheetName(int number) {
        String safe = WorkbookUtil.createSafeSheetName(title);
        if (number == 1) {
            return safe;
        }
        String suffix = " " + number;
        return safe.substring(0, Math.min(safe.length(), 31 - suffix.length())) + suffix;
    }

    /** A moment as the console shows it, in UTC; {@code null} when the value is no moment. */
    private static LocalDateTime moment(Object value) {
        if (value instanceof LocalDateTime local) {
            return local;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return null;
    }

    /** The text cut to what a cell can hold, ending in "…" when cut, never between a surrogate pair. */
    private static String fitted(String text) {
        int max = EXCEL.getMaxTextLength();
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** The few cell styles of a workbook, made once: a workbook holds at most 64,000 of them. */
    private static final class Styles {

        final CellStyle header;
        final CellStyle date;
        final CellStyle dateTime;

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            short dateFormat = workbook.createDataFormat().getFormat("yyyy-mm-dd");
            date = workbook.createCellStyle();
            date.setDataFormat(dateFormat);
            short dateTimeFormat = workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss");
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(dateTimeFormat);
        }
    }
}
