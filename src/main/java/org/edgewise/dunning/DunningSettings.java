package org.edgewise.dunning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dunning runs ({@code edgewise.dunning.*}): how often it looks for overdue invoices, how long after the
 * reminder services are stopped, how long after that they are destroyed, and how far ahead a stop or a
 * destruction is announced.
 *
 * @param enabled      whether this Master runs the periodic job (the Master's own tests call it themselves)
 * @param interval     between two runs of the job; one Master of a cluster runs each
 * @param stopAfter    from the reminder to the stop of the customer's services
 * @param destroyAfter from the stop to the destruction of the services stopped
 * @param notice       how long before a stop or a destruction it is announced; a late announcement moves the date
 */
@ConfigurationProperties("edgewise.dunning")
record DunningSettings(@DefaultValue("true") boolean enabled, @DefaultValue("PT5M") Duration interval,
        @DefaultValue("P15D") Duration stopAfter, @DefaultValue("P10D") Duration destroyAfter,
        @DefaultValue("P3D") Duration notice) {
}
