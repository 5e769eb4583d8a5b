package org.flowwatch.jobs.alertdelivery.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.flowwatch.jobs.alertdelivery.channels.Secrets;
import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {
  /** The specification's own example (the reference libraries' signing test). */
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TIMESTAMP = 1614265330L;
  private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final String OTHER_SECRET = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MjQyNDI0";

  @Test
  void signsTheSpecificationsExample() {
    StandardWebhookSigner signer = signer(Map.of("partner", SPEC_SECRET), "partner");

    assertThat(signer.signature(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
  }

  @Test
  void everySecretSignsDuringARotationInTheChannelsOrder() {
    StandardWebhookSigner signer = signer(Map.of("old", SPEC_SECRET, "new", OTHER_SECRET), "new", "old");

    String[] signatures = signer.signature(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY).split(" ");

    assertThat(signatures).hasSize(2);
    assertThat(signatures[0]).startsWith("v1,").isNotEqualTo(SPEC_SIGNATURE);
    assertThat(signatures[1]).isEqualTo(SPEC_SIGNATURE);
  }

  @Test
  void theIdTimestampAndBodyAreAllSigned() {
    StandardWebhookSigner signer = signer(Map.of("partner", SPEC_SECRET), "partner");

    assertThat(signer.signature(SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY)).isNotEqualTo(SPEC_SIGNATURE);
    assertThat(signer.signature(SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY)).isNotEqualTo(SPEC_SIGNATURE);
    assertThat(signer.signature(SPEC_ID, SPEC_TIMESTAMP, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(SPEC_SIGNATURE);
  }

  @Test
  void aSecretWithoutThePrefixIsRefusedByNameNotValue() {
    assertThatThrownBy(() -> signer(Map.of("partner", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "partner"))
        .isInstanceOf(StandardWebhookSigner.MalformedSecretException.class)
        .hasMessageContaining("'partner'").hasMessageContaining("whsec_")
        .hasMessageNotContaining("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  @Test
  void aSecretThatIsNotBase64OrTooShortIsRefused() {
    assertThatThrownBy(() -> signer(Map.of("partner", "whsec_not base64!"), "partner"))
        .isInstanceOf(StandardWebhookSigner.MalformedSecretException.class)
        .hasMessageContaining("'partner' is not base64").hasMessageNotContaining("not base64!");
    assertThatThrownBy(() -> signer(Map.of("partner", "whsec_c2hvcnQ="), "partner"))
        .isInstanceOf(StandardWebhookSigner.MalformedSecretException.class)
        .hasMessageContaining("decodes to 5 bytes");
  }

  @Test
  void aMissingSecretIsReportedByName() {
    assertThatThrownBy(() -> signer(Map.of(), "partner"))
        .isInstanceOf(Secrets.MissingSecretException.class).hasMessageContaining("'partner'");
  }

  private static StandardWebhookSigner signer(Map<String, String> values, String... names) {
    return StandardWebhookSigner.forSecrets(List.of(names), Secrets.of(values));
  }
}
