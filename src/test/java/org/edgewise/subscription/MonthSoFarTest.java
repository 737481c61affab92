package org.edgewise.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.instance.InstanceInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cost of a service so far this month: the monthly price prorated from the subscription's start to now by
 * the real length of the month in Europe/Paris, plus the usage measured this month at its price, read without
 * charging anything. Every expected figure is worked out by hand here.
 */
class MonthSoFarTest extends SubscriptionScenarios {

    @Autowired
    MonthSoFar monthSoFar;

    @Test
    void aSubscriptionStartedMidMonthCostsItsShareOfTheMonthSoFarPlusItsPricedUsage() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, "month", "9.90"), price(product, "cpu_hour", "0.50")));
        moveTo(paris(2031, 12, 11, 0, 0, 0));
        InstanceInfo root = service(customer, product);
        // 2 hours of CPU this month, and one row of November's that this month's estimate leaves out
        usage(root, customer, "cpu_seconds", "7200", paris(2031, 12, 15, 0, 0, 0), paris(2031, 12, 15, 1, 0, 0));
        moveTo(paris(2031, 12, 21, 0, 0, 0));

        MonthSoFar.Estimate estimate = monthSoFar.ofTree(root.treeId(), Fixtures.customer(customer)).orElseThrow();

        assertThat(estimate.from()).isEqualTo(paris(2031, 12, 1, 0, 0, 0));
        assertThat(estimate.to()).isEqualTo(paris(2031, 12, 21, 0, 0, 0));
        // December 2031 has 31 days; 11 Dec 00:00 → 21 Dec 00:00 is 10 days: 9.90 × 10 / 31 = 99 / 31
        // = 3.193548387096|774… ; 10 / 31 = 0.322580|64…
        MonthSoFar.Cost month = estimate.costs().get(0);
        assertThat(month.charge()).isEqualTo("month");
        assertThat(month.amount()).isEqualByComparingTo("3.193548387097");
        assertThat(month.quantity()).isEqualByComparingTo("0.322581");
        assertThat(month.currency()).isEqualTo("EUR");
        // 7,200 s = 2 CPU hours × 0.50
        MonthSoFar.Cost cpu = estimate.costs().get(1);
        assertThat(cpu.charge()).isEqualTo("cpu_hour");
        assertThat(cpu.quantity()).isEqualByComparingTo("2");
        assertThat(cpu.amount()).isEqualByComparingTo("1.00");
        assertThat(estimate.costs()).hasSize(2);
        assertThat(estimate.totals()).isEqualTo(Map.of("EUR", month.amount().add(cpu.amount())));
        assertThat(estimate.unpricedUsage()).isZero();
        // read only: nothing was charged
        assertThat(candidates(subscriptionOf(root))).isEmpty();
    }

    @Test
    void lastMonthsUsageAndUnpricedUsageCostNothingThisMonth() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, "month", "31.00")));
        moveTo(paris(2032, 1, 31, 0, 0, 0));
        InstanceInfo root = service(customer, product);
        usage(root, customer, "cpu_seconds", "3600", paris(2032, 1, 31, 0, 0, 0), paris(2032, 1, 31, 1, 0, 0));
        moveTo(paris(2032, 2, 2, 0, 0, 0));
        usage(root, customer, "counter:requests", "500", paris(2032, 2, 1, 0, 0, 0), paris(2032, 2, 1, 1, 0, 0));

        MonthSoFar.Estimate estimate = monthSoFar.ofTree(root.treeId(), Fixtures.customer(customer)).orElseThrow();

        // February 2032 has 29 days: 1 Feb → 2 Feb is 1 day of 29, 31.00 / 29 = 1.068965517241|37…
        assertThat(estimate.costs()).singleElement().satisfies(c -> {
            assertThat(c.charge()).isEqualTo("month");
            assertThat(c.amount()).isEqualByComparingTo("1.068965517241");
        });
        assertThat(estimate.unpricedUsage()).isEqualTo(1);
    }

    @Test
    void anotherCustomerGetsNoEstimate() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, "month", "9.90")));
        InstanceInfo root = service(customer, product);

        assertThat(monthSoFar.ofTree(root.treeId(), Fixtures.customer(customer()))).isEmpty();
        assertThat(monthSoFar.ofTree(root.treeId(), Fixtures.customer(customer))).isPresent();
    }
}
