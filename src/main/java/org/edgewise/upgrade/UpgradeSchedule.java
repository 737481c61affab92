package org.edgewise.upgrade;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Runs {@link Upgrades#runOnce} every {@code edgewise.upgrades.interval} on one Master of the cluster at a time.
 * It is on unless {@code edgewise.upgrades.enabled} is false, as in tests that call a pass themselves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "edgewise.upgrades.enabled", havingValue = "true", matchIfMissing = true)
class UpgradeSchedule {

    @Bean
    RecurringTask<Void> upgradeTask(Upgrades upgrades, @Value("${edgewise.upgrades.interval:PT5S}") Duration interval) {
        return Tasks.recurring("upgrades", FixedDelay.of(interval)).execute((instance, context) -> upgrades.runOnce());
    }
}
