package org.edgewise.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import org.edgewise.MasterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;

import jakarta.servlet.ServletContext;

/** The voucher's views are found by the console like every feature's, with nothing registered in ui/. */
class VoucherViewsTest extends MasterTest {

    @Autowired
    ServletContext servletContext;

    @Test
    void theListAndTheDocumentPageAreRoutesOfTheConsole() {
        ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext));

        assertThat(routes.getNavigationTarget("vouchers")).contains(VoucherListView.class);
        assertThat(routes.getNavigationTarget("vouchers/VCHR-000001")).contains(VoucherView.class);
    }
}
