package org.edgewise.pricing;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.PRICE_ITEM;
import static org.edgewise.jooq.Tables.PRICE_LIST;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The one definition of the price in force, as SQL, so that a single price ({@link PriceLists#price}) and
 * the pricing of a whole month of usage in one statement follow the same rule: the customer's own active
 * list valid at that instant, else the general one; among several, the latest {@code valid_from} (then the
 * latest made); in that list the item for the software type, else the one for every type ({@code ''}).
 * Retired lists count for the time they were in force, which retiring ends: a price never changes
 * retroactively.
 */
public final class PriceInForce {

    /** The columns of {@link #at}. */
    public static final String PRICE_LIST_ID = "price_list_id";
    public static final String CURRENCY = "currency";
    public static final String UNIT_PRICE = "unit_price";
    public static final String TAX_RATE = "tax_rate";

    private PriceInForce() {
    }

    /**
     * At most one row ({@value #PRICE_LIST_ID}, {@value #CURRENCY}, {@value #UNIT_PRICE}, {@value #TAX_RATE}):
     * the price of the charge in force at {@code at}. The arguments may be columns of an outer query, for a
     * {@code JOIN LATERAL}.
     */
    public static Select<Record4<Long, String, BigDecimal, BigDecimal>> at(Field<Long> customerId,
            Field<Long> productId, Field<String> softwareType, Field<String> charge, Field<OffsetDateTime> at) {
        var list = PRICE_LIST.as("pif_list");
        var doc = DOCUMENT.as("pif_doc");
        var item = PRICE_ITEM.as("pif_item");
        Table<?> chosen = DSL.select(list.ID, list.CURRENCY)
                .from(list).join(doc).on(doc.ID.eq(list.ID))
                .where(doc.STATE.in(PricingWorkflows.ACTIVE, PricingWorkflows.RETIRED))
                .and(list.VALID_FROM.le(at))
                .and(list.VALID_TO.isNull().or(list.VALID_TO.gt(at)))
                .and(list.CUSTOMER_ID.isNull().or(list.CUSTOMER_ID.eq(customerId)))
                .orderBy(DSL.field(list.CUSTOMER_ID.isNull()).asc(), list.VALID_FROM.desc(), list.ID.desc())
                .limit(1)
                .asTable("pif_chosen");
        Field<Long> chosenId = chosen.field(list.ID);
        return DSL.select(chosenId.as(PRICE_LIST_ID), chosen.field(list.CURRENCY).as(CURRENCY),
                        item.UNIT_PRICE.as(UNIT_PRICE), item.TAX_RATE.as(TAX_RATE))
                .from(chosen)
                .join(item).on(item.PRICE_LIST_ID.eq(chosenId)
                        .and(item.PRODUCT_ID.eq(productId))
                        .and(item.CHARGE.eq(charge))
                        .and(item.SOFTWARE_TYPE.in(softwareType, DSL.inline(""))))
                .orderBy(DSL.field(item.SOFTWARE_TYPE.eq(DSL.inline(""))).asc())
                .limit(1);
    }

    /**
     * Every instant at which some list comes into force or ends, in order, as an array: between two of
     * them the price in force of every customer, product and charge stays the same. For splitting a
     * month of usage into spans of one price each with {@code width_bucket}.
     */
    public static Field<OffsetDateTime[]> changes() {
        var list = PRICE_LIST.as("pic_list");
        var doc = DOCUMENT.as("pic_doc");
        var inForce = doc.STATE.in(PricingWorkflows.ACTIVE, PricingWorkflows.RETIRED);
        Table<Record1<OffsetDateTime>> bounds = DSL.select(list.VALID_FROM.as("bound"))
                .from(list).join(doc).on(doc.ID.eq(list.ID)).where(inForce)
                .union(DSL.select(list.VALID_TO.as("bound"))
                        .from(list).join(doc).on(doc.ID.eq(list.ID)).where(inForce).and(list.VALID_TO.isNotNull()))
                .asTable("pic_bounds");
        Field<OffsetDateTime> bound = bounds.field("bound", OffsetDateTime.class);
        return DSL.array(DSL.select(bound).from(bounds).orderBy(bound));
    }
}
