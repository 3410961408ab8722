package logmon.core;

import java.io.Serializable;
import java.time.Instant;

/**
 * The filter in force ({@code --where}, or one typed on the dashboard): its expression as the
 * user wrote it, and since when the figures are of matching lines only.
 */
public record ActiveFilter(String expression, Instant since) implements Serializable {}
