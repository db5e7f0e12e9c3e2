package city.alpr.ingest.integrations.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.reads.ReadResource;

/**
 * An XML payload as the tree a {@link PayloadReader} reads, so an XML format is adapted, and refused by its element
 * paths ({@code LicensePlateRead.Vehicle.VehicleMakeCode}), as the JSON ones are.
 * <ul>
 * <li>The root element is an object of one field, its local name; each element is an object keyed by its children's
 * local names, prefixes and namespaces dropped, so any binding of them reads the same. A child name repeated is an
 * array of them, in document order.
 * <li>An element without children is its text, trimmed; one with neither text nor children, or {@code xsi:nil}, is
 * null: it holds no value. The text between children, and every other attribute, is not read.
 * <li>The encoding is the document's own (its declaration or byte order mark), as XML has it.
 * </ul>
 * Refused, naming {@code body}: an empty body, a document that is not well-formed, any {@code DOCTYPE} (so no entity
 * is declared, expanded or fetched, and no external DTD, schema or XInclude is read), and a document past the bounds,
 * which no camera writes. The tree is built as the parser goes, so such a document is refused before it is held.
 */
public final class XmlPayload {

    /** A post of 500 reads, each of some 35 elements, fits with room to spare; a document past it is crafted. */
    private static final int MAX_ELEMENTS = 100 * ReadResource.MAX_BATCH;
    private static final int MAX_DEPTH = 64;

    private XmlPayload() {
    }

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw refused("must hold an XML document");
        }
        Tree tree = new Tree();
        try {
            parser().parse(new ByteArrayInputStream(body), tree);
        } catch (SAXParseException e) {
            throw refused("must be one well-formed XML document without a DOCTYPE; at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        } catch (IOException e) {
            // in memory, the only thing that can fail to be read is the encoding the declaration names
            throw refused("must be in an encoding this service reads, such as UTF-8: " + e.getMessage());
        } catch (SAXException e) {
            // the JDK's parser also gives up on some malformed documents without a position ("Scanner State …")
            throw refused("must be one well-formed XML document without a DOCTYPE: " + e.getMessage());
        }
        return tree.document;
    }

    /** The JDK's own parser (not whichever the classpath offers), which takes these features, one per document. */
    private static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser takes the features that keep entities out", e);
        }
    }

    private static ProblemException refused(String message) {
        return ProblemException.invalid(List.of(Violation.of("body", message)));
    }

    /** Builds the tree element by element, refusing the document at the first element past a bound. */
    private static final class Tree extends DefaultHandler {

        private final ObjectNode document = JsonNodeFactory.instance.objectNode();
        private final Deque<Open> open = new ArrayDeque<>();
        private int elements;

        @Override
        public void startElement(String uri, String localName, String qualifiedName, Attributes attributes) {
            if (++elements > MAX_ELEMENTS) {
                throw refused("holds more than " + MAX_ELEMENTS + " elements");
            }
            if (open.size() == MAX_DEPTH) {
                throw refused("nests elements more than " + MAX_DEPTH + " deep");
            }
            String nil = attributes.getValue(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil");
            open.push(new Open("true".equals(nil) || "1".equals(nil)));
        }

        @Override
        public void characters(char[] text, int start, int length) {
            open.peek().text.append(text, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qualifiedName) {
            Open element = open.pop();
            String text = element.text.toString().strip();
            JsonNode value = element.nil ? NullNode.getInstance()
                    : element.children != null ? element.children
                            : text.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(text);
            ObjectNode parent = open.isEmpty() ? document : open.peek().children();
            JsonNode earlier = parent.get(localName);
            if (earlier == null) {
                parent.set(localName, value);
            } else if (earlier.isArray()) {
                ((ArrayNode) earlier).add(value);
            } else {
                parent.set(localName, JsonNodeFactory.instance.arrayNode().add(earlier).add(value));
            }
        }
    }

    /** An element being read: its text, until a child ends and shows it holds elements instead. */
    private static final class Open {

        private final boolean nil;
        private final StringBuilder text = new StringBuilder();
        private ObjectNode children;

        private Open(boolean nil) {
            this.nil = nil;
        }

        private ObjectNode children() {
            if (children == null) {
                children = JsonNodeFactory.instance.objectNode();
            }
            return children;
        }
    }
}
