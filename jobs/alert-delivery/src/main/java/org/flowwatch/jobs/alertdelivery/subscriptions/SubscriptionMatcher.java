package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.util.Collection;
import java.util.List;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;

/** Whether a subscription receives an alert change: every filter must match, and an empty filter matches anything. */
public final class SubscriptionMatcher {
  private SubscriptionMatcher() {}

  public static boolean matches(Subscription subscription, AlertChange change) {
    SubscriptionFilters filters = subscription.getFilters();
    SurgeAlert alert = change.getAlert();
    return anyOrListed(filters.getSignals(), alert.getSignal())
        && alert.getSeverity().compareTo(filters.getMinSeverity()) >= 0
        && anyOrListed(filters.getTransitions(), change.getTransition())
        && anyOrListed(filters.getLevels(), change.getLevel())
        && anyOrListed(filters.getRoutes(), alert.getRoute())
        && anyOrAnyListed(filters.getPoints(), change.getPoints())
        && anyOrAnyListed(filters.getRegions(), change.getRegions())
        // A series that is not per nationality is about every nationality, not about the ones listed.
        && anyOrListed(filters.getNationalities(), alert.getNationality())
        && anyOrListed(filters.getDirections(), alert.getDirection());
  }

  /** True when the filter is empty or lists the value; a null value is listed by no filter. */
  private static <T> boolean anyOrListed(List<T> filter, T value) {
    return filter.isEmpty() || (value != null && filter.contains(value));
  }

  private static <T> boolean anyOrAnyListed(List<T> filter, Collection<T> values) {
    return filter.isEmpty() || values.stream().anyMatch(filter::contains);
  }
}
