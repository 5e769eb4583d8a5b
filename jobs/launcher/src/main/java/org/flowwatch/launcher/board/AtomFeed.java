package org.flowwatch.launcher.board;

import javax.xml.XMLConstants;
import org.flowwatch.jobs.common.xml.XmlDocuments;
import org.flowwatch.schema.delivery.Language;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An Atom 1.0 document (RFC 4287) with what an alert hub reads of it: the feed's id, title, updated, author and self
 * link, and per entry an id, title, updated and the link to its content elsewhere. Built with the DOM so that every
 * text is escaped; the entries need no author of their own, the feed's applies to them all.
 */
final class AtomFeed {
  static final String NAMESPACE = "http://www.w3.org/2005/Atom";

  private final Document document;
  private final Element feed;

  AtomFeed(Language language) {
    document = XmlDocuments.newDocument();
    feed = document.createElementNS(NAMESPACE, "feed");
    feed.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", language == Language.FR ? "fr" : "en");
    document.appendChild(feed);
  }

  /** @param updated an RFC 3339 date-time */
  void header(String id, String title, String updated, String author, String selfLink) {
    add(feed, "id", id);
    add(feed, "title", title);
    add(feed, "updated", updated);
    add(add(feed, "author", null), "name", author);
    link(feed, "self", "application/atom+xml", selfLink);
  }

  /** An entry whose content is the linked document ({@code rel="alternate"}), as Atom allows instead of content. */
  void entry(String id, String title, String updated, String link, String linkType) {
    Element entry = add(feed, "entry", null);
    add(entry, "id", id);
    add(entry, "title", title);
    add(entry, "updated", updated);
    link(entry, "alternate", linkType, link);
  }

  byte[] xml() {
    return XmlDocuments.serialise(document);
  }

  private void link(Element parent, String rel, String type, String href) {
    Element link = add(parent, "link", null);
    link.setAttribute("rel", rel);
    link.setAttribute("type", type);
    link.setAttribute("href", href);
  }

  private Element add(Element parent, String name, String text) {
    Element element = document.createElementNS(NAMESPACE, name);
    if (text != null) {
      element.setTextContent(text);
    }
    parent.appendChild(element);
    return element;
  }
}
