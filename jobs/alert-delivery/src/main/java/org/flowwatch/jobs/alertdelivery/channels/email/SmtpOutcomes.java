package org.flowwatch.jobs.alertdelivery.channels.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult.Verdict;

/**
 * What an SMTP failure means for the message. The server's reply code decides when there is one: 4xx is a temporary
 * refusal (try again), 5xx a permanent one (the same message would be refused again). Without a code, nothing
 * answered (no connection, a timeout) or the conversation failed on our side: try again, within the retry budget.
 */
final class SmtpOutcomes {
  /** Angus reports a failed authentication with the server's reply as the message, e.g. "535 5.7.8 ...". */
  private static final Pattern LEADING_REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[\\s-]");
  private static final int MAX_REASON_LENGTH = 300;

  private SmtpOutcomes() {}

  static ChannelResult failed(MessagingException failure, String server, long latencyMillis) {
    Integer code = replyCode(failure);
    String reason = reason(failure, server);
    if (code == null || code < 500) {
      return ChannelResult.retry(code, reason, null, latencyMillis);
    }
    return refused(code, reason, latencyMillis);
  }

  static ChannelResult refused(Integer code, String reason, long latencyMillis) {
    return new ChannelResult(Verdict.REFUSED, code, reason, null, latencyMillis);
  }

  /**
   * The first SMTP reply code along the chain of failures, or null when no server reply caused the failure. (A
   * MessagingException's cause is its next exception: the recipients' failures, or the I/O error underneath.)
   */
  static Integer replyCode(MessagingException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SMTPSendFailedException send) {
        return send.getReturnCode();
      }
      if (cause instanceof SMTPAddressFailedException address) {
        return address.getReturnCode();
      }
      if (cause instanceof SMTPSenderFailedException sender) {
        return sender.getReturnCode();
      }
      if (cause instanceof AuthenticationFailedException && cause.getMessage() != null) {
        Matcher code = LEADING_REPLY_CODE.matcher(cause.getMessage());
        if (code.find()) {
          return Integer.valueOf(code.group(1));
        }
      }
    }
    return null;
  }

  /**
   * One line naming the server and what went wrong, from the exceptions' messages: server replies and network
   * errors, which carry neither the message body nor the password.
   */
  private static String reason(MessagingException failure, String server) {
    StringBuilder reason = new StringBuilder("SMTP " + server + ": ");
    String separator = "";
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && !message.isBlank() && reason.indexOf(message.strip()) < 0) {
        reason.append(separator).append(message.strip());
        separator = "; ";
      } else if (cause instanceof IOException) {
        reason.append(separator).append(cause.getClass().getSimpleName());
        separator = "; ";
      }
    }
    String line = reason.toString().replaceAll("\\s+", " ");
    return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH - 1) + "…";
  }
}
