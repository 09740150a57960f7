package io.ncwatch.rules;

import java.io.Serializable;
import java.util.List;

/**
 * One of Elastic's rule exception items: an alert of the rule is dropped when every entry matches its
 * event. A rule's items are alternatives: any one that matches drops the alert.
 *
 * @param name the item's {@code name}, for people; may be empty
 */
public record ExceptionItem(String name, List<ExceptionEntry> entries) implements Serializable {

    public ExceptionItem {
        entries = List.copyOf(entries);
    }
}
