package io.ncwatch.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything the Kafka clients and connector log at INFO and above while it is open, as a user running the
 * job would see it in the TaskManager's log (the test configuration shows only errors).
 */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {
    private static final String KAFKA = "org.apache.kafka";
    private static final String CONNECTOR = "org.apache.flink.connector.kafka";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    CapturedLogs() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
        start();
        Configuration config = context.getConfiguration();
        for (String name : List.of(KAFKA, CONNECTOR)) {
            LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
            logger.addAppender(this, Level.INFO, null);
            config.addLogger(name, logger);
        }
        // More specific loggers of the configuration would keep Kafka's INFO lines from ours.
        config.getLoggers().values().stream().filter(logger -> logger.getName().startsWith(KAFKA + "."))
                .forEach(logger -> {
                    logger.setLevel(Level.INFO);
                    logger.addAppender(this, Level.INFO, null);
                });
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getMessage().getFormattedMessage()
                + (event.getThrown() == null ? "" : " " + event.getThrown()));
    }

    List<String> lines() {
        return lines;
    }

    /** Back to the test configuration. */
    @Override
    public void close() {
        context.reconfigure();
        stop();
    }
}
