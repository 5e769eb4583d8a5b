package org.flowwatch.jobs.alertdelivery.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.DASHBOARD;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.EPISODE;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.change;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.escalated;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.message;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.opened;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.resolved;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.subscription;

import java.util.Map;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Transition;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {
  /** The dashboard link as it stands in an HTML attribute: Mustache escapes '&' and '='. */
  private static final String DASHBOARD_IN_HTML = "https://dashboards.flowwatch.test/d/alerts?org&#61;1&amp;tab&#61;open";

  private final EmailTemplates templates = new EmailTemplates();

  @Test
  void aSingleOpenedAlertInFrenchSaysWhatWhereHowMuchSinceWhenAndHowSevere() {
    EmailTemplates.Rendered email = render(MessageKind.IMMEDIATE, Language.FR, opened());

    assertThat(email.subject()).isEqualTo("[flowwatch] Alerte afflux ouverte : axe AGADEZ-LIBYA, sorties (Agadez)");
    assertThat(email.text()).contains(
        "Alerte afflux ouverte\n",
        "axe AGADEZ-LIBYA, sorties – Agadez\n",
        "Régions : Agadez, Tahoua\n",
        "412 observés contre 180 attendus, depuis le 2026-11-30 08:00 UTC.\n",
        "Sévérité : moyenne\n",
        "Mise à jour : 2026-11-30 08:00 UTC (révision 1)\n",
        "Tableau de bord : " + DASHBOARD + "\n");
    assertThat(email.html()).contains(
        "<html lang=\"fr\">",
        "<meta charset=\"utf-8\">",
        "<h3>Alerte afflux ouverte</h3>",
        "412 observés contre 180 attendus, depuis le 2026-11-30 08:00 UTC",
        "<li>Sévérité : moyenne</li>",
        "<a href=\"" + DASHBOARD_IN_HTML + "\">Ouvrir le tableau de bord</a>");
    assertThat(email.text() + email.html()).doesNotContain("TEST", "ESSAI", "== ");
  }

  @Test
  void aSingleOpenedAlertInEnglish() {
    EmailTemplates.Rendered email = render(MessageKind.IMMEDIATE, Language.EN, opened());

    assertThat(email.subject()).isEqualTo("[flowwatch] Surge alert opened: route AGADEZ-LIBYA, outgoing (Agadez)");
    assertThat(email.text()).contains(
        "Regions: Agadez, Tahoua\n",
        "412 observed vs 180 expected, since 2026-11-30 08:00 UTC.\n",
        "Severity: medium\n",
        "Dashboard: " + DASHBOARD + "\n");
    assertThat(email.html()).contains("<html lang=\"en\">", "<a href=\"" + DASHBOARD_IN_HTML + "\">Open the dashboard</a>");
  }

  @Test
  void anEscalationSaysSoWithItsNewNumbersAndSeverity() {
    EmailTemplates.Rendered french = render(MessageKind.IMMEDIATE, Language.FR, escalated());
    EmailTemplates.Rendered english = render(MessageKind.IMMEDIATE, Language.EN, escalated());

    assertThat(french.subject()).isEqualTo("[flowwatch] Alerte afflux aggravée : axe AGADEZ-LIBYA, sorties (Agadez)");
    assertThat(french.text()).contains("640 observés contre 180 attendus, depuis le 2026-11-30 08:00 UTC.",
        "Sévérité : élevée", "(révision 2)");
    assertThat(english.subject()).isEqualTo("[flowwatch] Surge alert escalated: route AGADEZ-LIBYA, outgoing (Agadez)");
    assertThat(english.html()).contains("<li>640 observed vs 180 expected, since 2026-11-30 08:00 UTC</li>",
        "<li>Severity: high</li>");
  }

  @Test
  void aResolutionSaysSo() {
    EmailTemplates.Rendered french = render(MessageKind.IMMEDIATE, Language.FR, resolved());
    EmailTemplates.Rendered english = render(MessageKind.IMMEDIATE, Language.EN, resolved());

    assertThat(french.subject()).isEqualTo("[flowwatch] Alerte afflux résolue : axe AGADEZ-LIBYA, sorties (Agadez)");
    assertThat(french.text()).contains("150 observés contre 180 attendus", "Sévérité : faible");
    assertThat(english.subject()).isEqualTo("[flowwatch] Surge alert resolved: route AGADEZ-LIBYA, outgoing (Agadez)");
    assertThat(english.text()).contains("150 observed vs 180 expected", "Severity: low");
  }

  @Test
  void aGroupCountsItsChangesAndShowsEachInOrder() {
    AlertChange other = change("route=ARLIT-ALGERIA|signal=SURGE", 1, Transition.OPENED, AlertSeverity.HIGH, 95,
        "Arlit");
    EmailTemplates.Rendered french = render(MessageKind.IMMEDIATE, Language.FR, opened(), other, resolved());
    EmailTemplates.Rendered english = render(MessageKind.IMMEDIATE, Language.EN, opened(), other, resolved());

    assertThat(french.subject()).isEqualTo("[flowwatch] 3 alertes ont changé");
    assertThat(french.text()).startsWith("3 alertes ont changé.\n")
        .containsSubsequence("Alerte afflux ouverte\naxe AGADEZ-LIBYA, sorties – Agadez",
            "Alerte afflux ouverte\naxe AGADEZ-LIBYA, sorties – Arlit", "95 observés contre 180 attendus",
            "Alerte afflux résolue", "Tableau de bord : ");
    assertThat(french.html()).containsSubsequence("<p>3 alertes ont changé.</p>", "<h3>Alerte afflux ouverte</h3>",
        "<h3>Alerte afflux ouverte</h3>", "<h3>Alerte afflux résolue</h3>");
    assertThat(english.subject()).isEqualTo("[flowwatch] 3 alerts changed");
    assertThat(english.text()).startsWith("3 alerts changed.\n")
        .containsSubsequence("Surge alert opened", "95 observed vs 180 expected", "Surge alert resolved");
  }

  @Test
  void aDigestHasASectionPerTransitionInTheSubscriptionsLanguage() {
    EmailTemplates.Rendered french = render(MessageKind.DIGEST, Language.FR, resolved(), opened(), escalated());
    EmailTemplates.Rendered english = render(MessageKind.DIGEST, Language.EN, opened(), resolved());

    assertThat(french.subject()).isEqualTo("[flowwatch] Résumé des alertes au 2026-11-30 14:00 UTC");
    assertThat(french.text())
        .startsWith("Résumé des alertes de l'abonnement « Équipe veille Agadez » au 2026-11-30 14:00 UTC.\n")
        .containsSubsequence("== Alertes ouvertes ==", "Alerte afflux ouverte", "412 observés",
            "== Alertes aggravées ==", "Alerte afflux aggravée", "640 observés",
            "== Alertes résolues ==", "Alerte afflux résolue", "150 observés");
    assertThat(french.html()).containsSubsequence("<h2>Alertes ouvertes</h2>", "<h2>Alertes aggravées</h2>",
        "<h2>Alertes résolues</h2>");
    assertThat(english.subject()).isEqualTo("[flowwatch] Alert digest at 2026-11-30 14:00 UTC");
    assertThat(english.text()).containsSubsequence("== Opened alerts ==", "Surge alert opened",
        "== Resolved alerts ==", "Surge alert resolved")
        .doesNotContain("Escalated alerts");
  }

  @Test
  void aTestMessageIsMarkedAsATestInSubjectAndBody() {
    EmailTemplates.Rendered french = render(MessageKind.TEST, Language.FR, opened());
    EmailTemplates.Rendered english = render(MessageKind.TEST, Language.EN, opened());

    assertThat(french.subject())
        .isEqualTo("[TEST] [flowwatch] Essai de livraison pour l'abonnement « Équipe veille Agadez »");
    assertThat(french.text()).startsWith("*** MESSAGE D'ESSAI ***\n").contains("Alerte afflux ouverte");
    assertThat(french.html()).contains("<strong>MESSAGE D'ESSAI</strong>", "Il ne signale aucune alerte réelle.");
    assertThat(english.subject())
        .isEqualTo("[TEST] [flowwatch] Delivery test for subscription \"Équipe veille Agadez\"");
    assertThat(english.text()).startsWith("*** TEST MESSAGE ***\n");
    assertThat(english.html()).contains("<strong>TEST MESSAGE</strong>");
  }

  @Test
  void aTestMessageWithoutAlertsStillReadsWell() {
    EmailTemplates.Rendered french = render(MessageKind.TEST, Language.FR);

    assertThat(french.subject()).startsWith("[TEST] ");
    assertThat(french.text()).startsWith("*** MESSAGE D'ESSAI ***\n").doesNotContain("Sévérité")
        .contains("Tableau de bord : " + DASHBOARD);
  }

  @Test
  void theHtmlPartEscapesValuesAndTheTextPartAndSubjectShowThemAsTheyAre() {
    String hostile = "<script>alert(\"x\")</script> & Cie";
    AlertChange change = change(EPISODE, 1, Transition.OPENED, AlertSeverity.LOW, 3, hostile);
    for (Language language : Language.values()) {
      EmailTemplates.Rendered email = render(MessageKind.IMMEDIATE, language, change);

      assertThat(email.html()).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie")
          .doesNotContain("<script>");
      assertThat(email.text()).contains(hostile).doesNotContain("&lt;", "&amp;", "&quot;");
      assertThat(email.subject()).contains("(" + hostile + ")");
    }
  }

  @Test
  void aLineBreakInAValueDoesNotBreakTheSubjectLine() {
    AlertChange change = change(EPISODE, 1, Transition.OPENED, AlertSeverity.LOW, 3, "Agadez\r\nBcc: someone@else");

    assertThat(render(MessageKind.IMMEDIATE, Language.EN, change).subject())
        .isEqualTo("[flowwatch] Surge alert opened: route AGADEZ-LIBYA, outgoing (Agadez Bcc: someone@else)");
  }

  @Test
  void theOwnersNoticeNamesTheChannelItsAddressAndWhen() {
    Map<String, Object> view = Map.of("subscriptionId", "sub-agadez", "subscriptionName", "Équipe veille Agadez",
        "channelName", "webhook 1", "url", "https://partner.test/hooks?a=1&b=2",
        "disabledAt", "2026-11-30 09:00 UTC", "dashboardUrl", DASHBOARD);

    EmailTemplates.Rendered french = templates.endpointDisabled(view, Language.FR);
    EmailTemplates.Rendered english = templates.endpointDisabled(view, Language.EN);

    assertThat(french.subject())
        .isEqualTo("[flowwatch] Canal de livraison désactivé pour l'abonnement « Équipe veille Agadez »");
    assertThat(french.text()).contains("Le canal de livraison « webhook 1 »", "a répondu 410 Gone le 2026-11-30 09:00 UTC",
        "Adresse : https://partner.test/hooks?a=1&b=2\n");
    assertThat(english.subject())
        .isEqualTo("[flowwatch] Delivery channel disabled for subscription \"Équipe veille Agadez\"");
    assertThat(english.text()).contains("answered 410 Gone at 2026-11-30 09:00 UTC",
        "Address: https://partner.test/hooks?a=1&b=2\n");
  }

  private EmailTemplates.Rendered render(MessageKind kind, Language language, AlertChange... changes) {
    return templates.alert(EmailView.of(message(kind, subscription(language), changes), DASHBOARD), language);
  }
}
