package city.alpr.common.tracing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps the values people asked for out of the traces a collector receives: a query string carries them (the plate,
 * the user and the case an auditor searches the log for; the purpose and case of a read viewed), so every span's is
 * replaced as it starts, before any exporter sees it. Routes, paths and SQL text stay; SQL values were never recorded.
 * Quarkus adds every SpanProcessor bean to the SDK, which runs only where a collector is configured.
 */
@ApplicationScoped
public class QueryStringRedaction implements SpanProcessor {

    static final String REDACTED = "redacted";
    private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> HTTP_TARGET = AttributeKey.stringKey("http.target");
    private static final AttributeKey<String> HTTP_URL = AttributeKey.stringKey("http.url");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(URL_QUERY) != null) {
            span.setAttribute(URL_QUERY, REDACTED);
        }
        for (AttributeKey<String> address : List.of(URL_FULL, HTTP_TARGET, HTTP_URL)) {
            String value = span.getAttribute(address);
            if (value != null && value.indexOf('?') >= 0) {
                span.setAttribute(address, withoutQuery(value));
            }
        }
    }

    /** The address with its query string replaced, its path and fragment-free rest kept. */
    static String withoutQuery(String address) {
        int query = address.indexOf('?');
        return query < 0 ? address : address.substring(0, query) + "?" + REDACTED;
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
