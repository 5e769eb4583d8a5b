package org.flowwatch.jobs.common.xml;

import java.io.ByteArrayOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;

/** The XML documents flowwatch writes (CAP messages, the Atom feed): built as a namespace-aware DOM, sent as UTF-8. */
public final class XmlDocuments {
  private XmlDocuments() {}

  public static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's default XML parser is always configurable", e);
    }
  }

  /** The document as indented UTF-8 with its XML declaration. */
  public static byte[] serialise(Document document) {
    try {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(document), new StreamResult(bytes));
      return bytes.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("an in-memory DOM always serialises", e);
    }
  }
}
