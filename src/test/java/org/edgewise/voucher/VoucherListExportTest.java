package org.edgewise.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.byId;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.State;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.ColumnReorderEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;

/**
 * A list downloads as an Excel workbook with what it shows at the moment of the click: the voucher list,
 * made by the console's own instantiator inside a console session, is filtered, sorted and rearranged, and
 * its Export link is requested from the Master's Vaadin servlet as a browser would.
 */
class VoucherListExportTest extends MasterTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Vouchers vouchers;

    @Autowired
    DocumentEngine engine;

    @Autowired
    TestClock clock;

    @Test
    void theExportHoldsTheFilteredRowsInTheGridsOrderWithTheColumnsShown() throws Exception {
        signIn(admin());
        String batch = unique("Export");
        vouchers.create(batch + " small", 100, "EUR", admin());
        vouchers.create(batch + " large", 300, "EUR", admin());
        long issued = vouchers.create(batch + " issued", 400, "EUR", admin()).id();
        engine.apply(issued, VoucherWorkflows.ISSUE, admin(), null);
        vouchers.create(batch + " middle", 200, "EUR", admin());
        vouchers.create(unique("Elsewhere"), 500, "EUR", admin());
        clock.advance(Duration.ofDays(400));
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();

        VaadinServlet servlet = vaadinServlet();
        MockHttpSession httpSession = new MockHttpSession(servlet.getServletContext());
        MockHttpServletRequest opening = new MockHttpServletRequest(servlet.getServletContext(), "GET", "/vouchers");
        opening.setSession(httpSession);
        VaadinSession session = servlet.getService().findVaadinSession(new VaadinServletRequest(opening, servlet.getService()));
        String href;
        session.lock();
        try {
            UI ui = new UI();
            ui.getInternals().setSession(session);
            UI.setCurrent(ui);
            VoucherListView list = servlet.getService().getInstantiator().createRouteTarget(VoucherListView.class, null);
            ui.add(list);

            ((TextField) byId(list, "list-filter").orElseThrow()).setValue(batch);
            @SuppressWarnings("unchecked")
            Select<State> state = (Select<State>) byId(list, "list-state").orElseThrow();
            state.setValue(state.getListDataView().getItems().filter(s -> s.name().equals(VoucherWorkflows.DRAFT))
                    .findFirst().orElseThrow());
            @SuppressWarnings("unchecked")
            Grid<Vouchers.Row> grid = (Grid<Vouchers.Row>) byId(list, "list-grid").orElseThrow();
            grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("amount"), SortDirection.DESCENDING)));
            grid.getColumnByKey("number").setVisible(false);
            ComponentUtil.fireEvent(grid, new ColumnReorderEvent<>(grid, true, List.of(grid.getColumnByKey("name"),
                    grid.getColumnByKey("amount"), grid.getColumnByKey("number"), grid.getColumnByKey("state"),
                    grid.getColumnByKey("reference"))));
            href = ((Anchor) byId(list, "list-export").orElseThrow().getParent().orElseThrow()).getHref();
        } finally {
            session.unlock();
        }

        MockHttpServletRequest click = new MockHttpServletRequest(servlet.getServletContext(), "GET", "/" + href);
        click.setPathInfo("/" + href);
        click.setSession(httpSession);
        MockHttpServletResponse download = new MockHttpServletResponse();
        servlet.service(click, download);

        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Vouchers-" + today + ".xlsx\"");
        assertThat(download.getContentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.getContentAsByteArray()))) {
            XSSFSheet sheet = workbook.getSheet("Vouchers");
            assertThat(texts(sheet.getRow(0))).containsExactly("Name", "Amount", "State", "Reference");
            assertThat(sheet.getLastRowNum()).as("the drafts of this batch, not the issued one nor others").isEqualTo(3);
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Row row = sheet.getRow(i);
                names.add(row.getCell(0).getStringCellValue());
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(VoucherWorkflows.DRAFT);
                assertThat(row.getCell(3).getStringCellValue()).startsWith("VCHR-");
            }
            assertThat(names).as("by amount, largest first").containsExactly(batch + " large", batch + " middle",
                    batch + " small");
            assertThat(texts(sheet.getRow(1)).get(1)).isEqualTo("300 EUR");
        }
    }

    private VaadinServlet vaadinServlet() {
        return context.getBeansOfType(ServletRegistrationBean.class).values().stream()
                .map(ServletRegistrationBean::getServlet).filter(VaadinServlet.class::isInstance)
                .map(VaadinServlet.class::cast).findFirst().orElseThrow();
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.toString()));
        return texts;
    }
}
