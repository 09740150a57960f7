package io.ncwatch.rules;

import java.io.Serializable;
import java.util.List;

/**
 * One MITRE ATT&CK mapping of a rule: a tactic and the techniques (with their subtechniques) under it.
 *
 * @param framework "MITRE ATT&CK" in Elastic's rules
 */
public record Threat(String framework, Entry tactic, List<Technique> techniques) implements Serializable {

    public Threat {
        techniques = List.copyOf(techniques);
    }

    /** A tactic or subtechnique: {@code TA0002}, "Execution", its attack.mitre.org page. */
    public record Entry(String id, String name, String reference) implements Serializable {}

    /** A technique and the subtechniques of it that the rule covers. */
    public record Technique(String id, String name, String reference, List<Entry> subtechniques)
            implements Serializable {

        public Technique {
            subtechniques = List.copyOf(subtechniques);
        }
    }
}
