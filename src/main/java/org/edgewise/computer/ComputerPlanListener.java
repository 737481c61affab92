package org.edgewise.computer;

import org.edgewise.document.Document;
import org.edgewise.document.Transition;
import org.edgewise.document.TransitionListener;
import org.edgewise.security.Actor;
import org.springframework.stereotype.Component;

/** Opening, closing or decommissioning a computer changes what its node is told. */
@Component
class ComputerPlanListener implements TransitionListener {

    private final PlanVersions plans;

    ComputerPlanListener(PlanVersions plans) {
        this.plans = plans;
    }

    @Override
    public void onTransition(Document before, Transition transition, Actor actor) {
        if (before.docType().equals(ComputerWorkflows.TYPE)) {
            plans.bump(before.id());
        }
    }
}
