package org.edgewise.voucher;

import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/** The voucher in the API; its errors are answered by the application's one advice. Hidden from the description. */
@RestController
@Hidden
class VoucherController {

    private final Vouchers vouchers;
    private final CurrentUser currentUser;

    VoucherController(Vouchers vouchers, CurrentUser currentUser) {
        this.vouchers = vouchers;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/vouchers/{reference}")
    Vouchers.Voucher get(@PathVariable String reference) {
        return vouchers.find(reference, currentUser.actor()).orElseThrow(() -> new DocumentNotFoundException(reference));
    }
}
