package org.edgewise.voucher;

import static org.edgewise.access.RoleGroup.FINANCE;

import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A voucher is drafted, then issued with a legal number from a gapless yearly series, then redeemed or
 * voided. It exists only in the tests, as the smallest whole document type: found by the component
 * scan like every feature, registered nowhere.
 */
@Configuration(proxyBeanMethods = false)
public class VoucherWorkflows {

    public static final String TYPE = "voucher";
    public static final String DRAFT = "draft";
    public static final String ISSUED = "issued";
    public static final String REDEEMED = "redeemed";
    public static final String VOID = "void";
    public static final String ISSUE = "issue";

    @Bean
    Workflow voucherWorkflow() {
        return Workflow.define(TYPE, "Voucher")
                .series("VCHR")
                .state(DRAFT, Tone.PROGRESS)
                .state(ISSUED, Tone.SUCCESS)
                .finalState(REDEEMED, Tone.NEUTRAL)
                .finalState(VOID, Tone.DANGER)
                .initial(DRAFT)
                .createdBy(FINANCE)
                .editableIn(DRAFT)
                .transition(DRAFT, ISSUE, ISSUED, "Issue", FINANCE)
                .transition(ISSUED, "redeem", REDEEMED, "Redeem", FINANCE)
                .transition(ISSUED, "void", VOID, "Void", FINANCE)
                .numberedOn(ISSUE, "VCH", "VCH-{yyyy}-{000000}")
                .build();
    }
}
