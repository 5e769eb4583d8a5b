package org.flowwatch.jobs.alertdelivery.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.DOMAIN;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.EPISODE;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.change;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.escalated;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.message;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.opened;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.resolved;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.subscription;

import java.util.List;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Transition;
import org.junit.jupiter.api.Test;

class EmailThreadingTest {
  private static final String EPISODE_THREAD = MessageIds.episodeThreadId("sub-agadez", EPISODE, DOMAIN);

  @Test
  void anEpisodesFirstMessageStartsItsThreadWithTheThreadsId() {
    AlertMessage first = message(MessageKind.IMMEDIATE, subscription(Language.FR), opened());

    assertThat(EmailThreading.of(first, DOMAIN).inReplyTo()).isNull();
    assertThat(MessageIds.emailMessageId(first.getId(), DOMAIN)).isEqualTo(EPISODE_THREAD);
  }

  @Test
  void laterMessagesReplyToTheEpisodesFirst() {
    EmailThreading threading = EmailThreading.of(message(MessageKind.IMMEDIATE, subscription(Language.FR),
        resolved()), DOMAIN);

    assertThat(threading.inReplyTo()).isEqualTo(EPISODE_THREAD);
    assertThat(threading.references()).containsExactly(EPISODE_THREAD);
  }

  @Test
  void aGroupRepliesToItsFirstContinuedEpisodeAndReferencesEveryEpisode() {
    AlertChange otherOpened = change("route=ARLIT-ALGERIA|signal=SURGE", 1, Transition.OPENED, AlertSeverity.HIGH,
        95, "Arlit");
    EmailThreading threading = EmailThreading.of(message(MessageKind.IMMEDIATE, subscription(Language.FR),
        otherOpened, escalated(), resolved()), DOMAIN);

    assertThat(threading.inReplyTo()).isEqualTo(EPISODE_THREAD);
    assertThat(threading.references()).containsExactly(
        MessageIds.episodeThreadId("sub-agadez", "route=ARLIT-ALGERIA|signal=SURGE", DOMAIN), EPISODE_THREAD);
  }

  @Test
  void aFirstMessageThatGroupsTheOpeningWithItsEscalationJoinsTheEpisodesThread() {
    EmailThreading threading = EmailThreading.of(message(MessageKind.IMMEDIATE, subscription(Language.FR),
        opened(),
        escalated()), DOMAIN);

    assertThat(threading.inReplyTo()).isEqualTo(EPISODE_THREAD);
    assertThat(threading.references()).containsExactly(EPISODE_THREAD);
  }

  @Test
  void digestsAndTestsStandAlone() {
    assertThat(EmailThreading.of(message(MessageKind.DIGEST, subscription(Language.EN), escalated()), DOMAIN))
        .isEqualTo(new EmailThreading(null, List.of()));
    assertThat(EmailThreading.of(message(MessageKind.TEST, subscription(Language.EN), escalated()), DOMAIN)
        .inReplyTo()).isNull();
  }
}
