package city.alpr.audit.transparency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.audit.AuditConfig;
import city.alpr.common.policy.PolicyConfig.Excerpt;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import io.quarkus.runtime.Startup;

/**
 * The policy in force as published (Civil Code 1798.90.51(b)): its text, read once at start-up, and for each element
 * the law requires of it what the policy says. A quote that is not in the text, word for word, or an element the law
 * does not name, stops the service from starting: the public page must not misquote the policy.
 */
@Startup
@ApplicationScoped
public class PolicyDocument {

    private static final String CLASSPATH = "classpath:";

    private final String profile;
    private final Optional<String> text;
    private final List<TransparencyReport.Element> elements;

    PolicyDocument(AuditConfig config) {
        PolicyProfile policy = config.policy();
        this.profile = config.activePolicy();
        this.text = policy.document().map(PolicyDocument::read);
        this.elements = elements(policy.publishedElements(), text);
    }

    /** The policy's text, if this deployment holds it. */
    public Optional<String> text() {
        return text;
    }

    /** The name the download is offered under. */
    public String fileName() {
        return profile + ".txt";
    }

    /** Each element the law requires, in the law's order, with the policy's words where it has them. */
    public List<TransparencyReport.Element> elements() {
        return elements;
    }

    /** The elements, as {@link #elements()}, of a policy whose text says this; refused if it misquotes the text. */
    static List<TransparencyReport.Element> elements(Map<String, ? extends Excerpt> published, Optional<String> text) {
        for (Map.Entry<String, ? extends Excerpt> configured : published.entrySet()) {
            if (PolicyElement.of(configured.getKey()).isEmpty()) {
                throw new IllegalStateException("published-elements names " + configured.getKey()
                        + ", which is no element Civil Code 1798.90.51(b) requires");
            }
            if (text.isEmpty() || !words(text.get()).contains(words(configured.getValue().text()))) {
                throw new IllegalStateException("the policy's text does not say, word for word, what published-elements."
                        + configured.getKey() + " quotes from it");
            }
        }
        List<TransparencyReport.Element> elements = new ArrayList<>();
        for (PolicyElement element : PolicyElement.values()) {
            Excerpt excerpt = published.get(element.id);
            elements.add(new TransparencyReport.Element(element.id, "Civil Code 1798.90.51" + element.paragraph,
                    element.requirement, excerpt != null, excerpt == null ? null : excerpt.section(),
                    excerpt == null ? null : excerpt.text()));
        }
        return List.copyOf(elements);
    }

    /** The text with every run of white space one space, so that a quote may span the text's line breaks. */
    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    static String read(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("the policy's document " + location + " is not on the class path");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the policy's document " + location + " cannot be read", e);
        }
    }
}
