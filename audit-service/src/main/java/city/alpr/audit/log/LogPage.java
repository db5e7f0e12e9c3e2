package city.alpr.audit.log;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the access log, newest first; {@code before} asks for the next page. */
@Schema(description = "A page of access-log records, newest first")
public record LogPage(List<LogEntry> records, Long before) {
}
