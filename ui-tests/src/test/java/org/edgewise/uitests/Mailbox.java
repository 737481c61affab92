package org.edgewise.uitests;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.codeborne.selenide.Selenide;
import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The mails the Master sent to one address, as its owner reads them. */
final class Mailbox {

    /** The outbox is sent every few seconds. */
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private final GreenMail server;
    private final String address;

    Mailbox(RunningMaster master, String address) {
        this.server = master.mailServer();
        this.address = address;
    }

    /** The text of the first mail whose subject starts so, once it arrived. */
    String awaitText(String subject) {
        String[] text = new String[1];
        Selenide.Wait().withTimeout(DELIVERY).withMessage("no mail \"" + subject + "…\" to " + address)
                .until(driver -> (text[0] = find(subject).orElse(null)) != null);
        return text[0];
    }

    /** The first link in the first mail whose subject starts so. */
    String awaitLink(String subject) {
        String text = awaitText(subject);
        Matcher link = LINK.matcher(text);
        if (!link.find()) {
            throw new AssertionError("No link in the mail \"" + subject + "\":\n" + text);
        }
        return link.group();
    }

    private Optional<String> find(String subject) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> sentTo(m) && subjectOf(m).startsWith(subject))
                .findFirst().map(Mailbox::textOf);
    }

    private boolean sentTo(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(
                    message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("An unreadable mail", e);
        }
    }
}
