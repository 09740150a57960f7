package io.ncwatch.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.Detection;
import io.ncwatch.record.Stage;

/** What a correlation stage's alert is called, how grave it is, and how its message reads. */
enum CorrelatedAlert {
    CONNECTION("Netcat listener in container accepted a connection", 90),
    SHELL("Netcat bind shell served from container", 99);

    static final String SEVERITY = "critical";

    private final String title;
    private final int riskScore;

    CorrelatedAlert(String title, int riskScore) {
        this.title = title;
        this.riskScore = riskScore;
    }

    static CorrelatedAlert of(Stage stage) {
        return switch (stage) {
            case CONNECTION -> CONNECTION;
            case SHELL -> SHELL;
            default -> throw new IllegalArgumentException("not a correlation stage: " + stage);
        };
    }

    String title() {
        return title;
    }

    int riskScore() {
        return riskScore;
    }

    /**
     * "Netcat listener in container accepted a connection from 203.0.113.45:51544 on port 4444 in
     * container payments-api (8c4b2f9e6a1d): nc -lvnp 4444", "Netcat bind shell served from container
     * payments-api (8c4b2f9e6a1d): /bin/sh, served by nc -lvnp 4444 -e /bin/sh".
     *
     * @param source the alert's source view (the listener's event with the follow-up's process)
     */
    String message(ObjectNode source, Detection detection) {
        StringBuilder message = new StringBuilder(title);
        String container = AlertDocument.containerLabel(source);
        if (this == CONNECTION) {
            message.append(" from ").append(detection.event.sourceIp);
            if (detection.event.sourcePort != null) {
                message.append(':').append(detection.event.sourcePort);
            }
            if (detection.listenerPort != null) {
                message.append(" on port ").append(detection.listenerPort);
            }
            if (container != null) {
                message.append(" in container ").append(container);
            }
        } else {
            if (container != null) {
                message.append(' ').append(container);
            }
            message.append(": ").append(AlertDocument.commandLine(source)).append(", served by");
        }
        String[] listenerArgs = detection.listener.processArgs;
        if (listenerArgs != null) {
            message.append(this == CONNECTION ? ": " : " ").append(String.join(" ", listenerArgs));
        }
        return message.toString();
    }
}
