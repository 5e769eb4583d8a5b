package org.flowwatch.infra;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flowwatch.testing.Checkout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Facts of the checkout the manifests must agree with: paths, and versions from the root pom. */
final class Project {
  private Project() {}

  static Path root() {
    return Checkout.root();
  }

  static Path kubernetes() {
    return root().resolve("infra/kubernetes");
  }

  static Path compose() {
    return root().resolve("infra/compose/compose.yaml");
  }

  /** The root pom's {@code <version>}: the jars' version and the image's tag. */
  static String version() {
    return child(rootPom(), "version");
  }

  /** A property of the root pom, e.g. flink.version. */
  static String property(String name) {
    return child((Element) rootPom().getElementsByTagName("properties").item(0), name);
  }

  private static Element rootPom() {
    try {
      Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root().resolve("pom.xml").toFile());
      return pom.getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the root pom.xml", e);
    }
  }

  /** The text of a direct child element (the project's own version, not its parent's or a dependency's). */
  private static String child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().strip();
      }
    }
    throw new IllegalStateException("the root pom has no <" + name + "> in <" + parent.getTagName() + ">");
  }
}
