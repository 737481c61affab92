package org.edgewise.shop;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.pricing.PriceLists;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the shop offers: each active product with a published release, shown by its name and the version of its
 * newest published release (never by the release's URL), its plans (the release's software types) and their
 * prices in force now, the visitor's own price list where a signed-in customer has one, else the general one.
 */
@Service
class ShopOffers {

    /** One price of a plan: what is charged, the price without and with tax. */
    record Price(String charge, String currency, BigDecimal net, BigDecimal taxRate) {

        BigDecimal gross() {
            return net.add(net.multiply(taxRate).movePointLeft(2));
        }

        /** The key of what the price is for, as a customer reads it ({@code shop.per.counter} takes the counter). */
        String perKey() {
            return charge.startsWith(PriceLists.COUNTER) ? "shop.per.counter" : "shop.per." + charge;
        }

        /** The unit a counter counts, e.g. {@code request} for {@code counter:requests}. */
        String counted() {
            return charge.startsWith(PriceLists.COUNTER) ? charge.substring(PriceLists.COUNTER.length()).replace('_', ' ')
                    .replaceAll("s$", "") : "";
        }
    }

    record Plan(String name, List<Price> prices) {

        Optional<Price> monthly() {
            return prices.stream().filter(p -> p.charge().equals(PriceLists.MONTH)).findFirst();
        }
    }

    record Offer(String productReference, String product, String description, String releaseReference, long releaseId,
            String version, List<Plan> plans) { }

    private final Catalog catalog;
    private final DocumentEngine engine;
    private final PriceLists prices;
    private final ParameterSchemas schemas;
    private final Clock clock;

    ShopOffers(Catalog catalog, DocumentEngine engine, PriceLists prices, ParameterSchemas schemas, Clock clock) {
        this.catalog = catalog;
        this.engine = engine;
        this.prices = prices;
        this.schemas = schemas;
        this.clock = clock;
    }

    /** Every offer, by product name, priced for this customer ({@code null}: a visitor). */
    @Transactional(readOnly = true)
    List<Offer> offers(Long customerId) {
        return catalog.newestPublished().stream().map(release -> offer(release, customerId)).toList();
    }

    /** The offer of one product, if the shop has it. */
    @Transactional(readOnly = true)
    Optional<Offer> offer(String productReference, Long customerId) {
        long productId;
        try {
            productId = catalog.product(productReference, Actor.system()).id();
        } catch (DocumentNotFoundException e) {
            return Optional.empty();
        }
        return catalog.newestPublished().stream().filter(r -> r.productId() == productId).findFirst()
                .map(r -> offer(r, customerId));
    }

    /** The parameters' schema of a plan, from which the order form is drawn. */
    Optional<JsonNode> schema(Offer offer, String plan) {
        return schemas.schema(offer.releaseId(), plan);
    }

    private Offer offer(Catalog.Release release, Long customerId) {
        String productReference = engine.get(release.productId(), Actor.system()).reference();
        Catalog.Product product = catalog.product(productReference, Actor.system());
        List<Plan> plans = new ArrayList<>();
        for (String type : release.softwareTypes()) {
            List<Price> priced = new ArrayList<>();
            for (String charge : PriceLists.CHARGES) {
                prices.price(customerId, release.productId(), type, charge, clock.instant())
                        .ifPresent(p -> priced.add(new Price(charge, p.currency(), p.unitPrice(), p.taxRate())));
            }
            plans.add(new Plan(type, priced));
        }
        return new Offer(productReference, release.productName(),
                product.description() != null ? product.description() : release.description(), release.reference(),
                release.id(), release.version(), plans);
    }

    /** A rate in the visitor's format, e.g. {@code 20} or {@code 5,5}. */
    static String format(BigDecimal rate, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(2);
        return format.format(rate);
    }

    /** An amount in the visitor's format, e.g. {@code 9,90 €} for a French visitor, {@code €9.90} for a British one. */
    static String format(BigDecimal amount, String currency, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency code = Currency.getInstance(currency);
        format.setCurrency(code);
        int minor = Math.max(0, code.getDefaultFractionDigits());
        format.setMinimumFractionDigits(Math.max(minor, Math.min(6, amount.stripTrailingZeros().scale())));
        format.setMaximumFractionDigits(Math.max(minor, 6));
        return format.format(amount);
    }
}
