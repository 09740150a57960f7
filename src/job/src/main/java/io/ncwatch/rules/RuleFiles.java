package io.ncwatch.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads EQL rules from Elastic detection-rules TOML files ({@code [metadata]} + {@code [rule]}) and Kibana
 * rule exports (NDJSON, one rule a line, with the exception lists the rules refer to), or from a folder of them.
 */
public final class RuleFiles {
    private static final TomlMapper TOML = new TomlMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleFiles() {}

    /**
     * Reads a {@code .toml} or {@code .ndjson} file, or every such file under a folder (recursively, in
     * path order). Rules in another language than EQL are skipped with a notice.
     *
     * @throws RuleFileException naming the file (and line) of the first entry that is not a valid rule
     */
    public static LoadedRules load(Path path) {
        List<Rule> rules = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (!Files.exists(path)) {
            throw new RuleFileException(path.toString(), "no such file or folder", null);
        } else if (Files.isDirectory(path)) {
            for (Path file : ruleFilesUnder(path)) {
                loadFile(file, rules, skipped);
            }
        } else if (isRuleFile(path)) {
            loadFile(path, rules, skipped);
        } else {
            throw new RuleFileException(path.toString(), "not a rule file (expected .toml or .ndjson)", null);
        }
        return new LoadedRules(rules, skipped);
    }

    private static List<Path> ruleFilesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(RuleFiles::isRuleFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new RuleFileException(folder.toString(), "cannot list: " + e.getMessage(), e);
        }
    }

    private static boolean isRuleFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".toml") || name.endsWith(".ndjson");
    }

    private static void loadFile(Path file, List<Rule> rules, List<String> skipped) {
        try {
            if (file.getFileName().toString().endsWith(".toml")) {
                loadToml(file, rules, skipped);
            } else {
                loadNdjson(file, rules, skipped);
            }
        } catch (IOException e) {
            throw new RuleFileException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static void loadToml(Path file, List<Rule> rules, List<String> skipped) throws IOException {
        String where = file.toString();
        JsonNode document;
        try {
            document = TOML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new RuleFileException(where, "not valid TOML: " + describe(e, true), e);
        }
        add(ruleTable(document, where), where, List.of(), rules, skipped);
    }

    private static JsonNode ruleTable(JsonNode document, String where) {
        JsonNode rule = document.get("rule");
        if (rule == null || !rule.isObject()) {
            throw new RuleFileException(where, "no [rule] table: not a detection-rules rule file", null);
        }
        return rule;
    }

    /**
     * One rule from its text: a detection-rules TOML document, or a JSON object as a line of a Kibana
     * export holds it (text that starts with a brace).
     *
     * @param where where the text came from, for messages
     * @throws RuleFileException when the text is not such a rule, or not an EQL one
     */
    public static Rule parse(String text, String where) {
        boolean json = text.stripLeading().startsWith("{");
        JsonNode rule;
        try {
            rule = json ? JSON.readTree(text) : ruleTable(TOML.readTree(text), where);
        } catch (JsonProcessingException e) {
            throw new RuleFileException(where, "not valid " + (json ? "JSON: " : "TOML: ") + describe(e, !json), e);
        }
        String language = RuleFields.language(rule);
        if (!language.equals("eql")) {
            throw new RuleFileException(where, notEql(rule, language), null);
        }
        return RuleFields.read(rule, where, List.of());
    }

    private static String notEql(JsonNode rule, String language) {
        return "its type is " + rule.path("type").asText("(none)") + " and its language " + language
                + ", ncwatch runs EQL rules only";
    }

    /**
     * A Kibana export: rules, then the exception lists they refer to (a line per list, then a line per
     * item), then a line of counts. Items are read first, so each rule gets those of the lists it names.
     */
    private static void loadNdjson(Path file, List<Rule> rules, List<String> skipped) throws IOException {
        List<Line> lines = readLines(file);
        Map<String, List<ExceptionItem>> itemsByList = new HashMap<>();
        for (Line line : lines) {
            if (line.entry().has("item_id") && line.entry().has("list_id")) {
                itemsByList.computeIfAbsent(line.entry().get("list_id").asText(), list -> new ArrayList<>())
                        .add(ExceptionItems.read(line.entry(), line.where()));
            }
        }
        for (Line line : lines) {
            JsonNode entry = line.entry();
            if (entry.has("rule_id")) {
                add(entry, line.where(), listedExceptions(entry, line.where(), itemsByList, skipped), rules, skipped);
            } else if (!entry.has("list_id") && !isExportSummary(entry)) {
                skipped.add(line.where() + ": skipped, not a rule (no \"rule_id\")");
            }
        }
    }

    private record Line(String where, JsonNode entry) {}

    private static List<Line> readLines(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + lineNumber;
                JsonNode entry;
                try {
                    entry = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new RuleFileException(where, "not valid JSON: " + describe(e, false), e);
                }
                if (!entry.isObject()) {
                    throw new RuleFileException(where, "expected a JSON object, got " + entry.getNodeType(), null);
                }
                lines.add(new Line(where, entry));
            }
        }
        return lines;
    }

    /**
     * The items of the lists a rule's {@code exceptions_list} names. A list the file lacks (Elastic Defend's
     * {@code endpoint_list} is never exported) is named in a notice: the rule runs without its items.
     */
    private static List<ExceptionItem> listedExceptions(JsonNode rule, String where,
            Map<String, List<ExceptionItem>> itemsByList, List<String> skipped) {
        List<ExceptionItem> items = new ArrayList<>();
        for (JsonNode reference : rule.path("exceptions_list")) {
            String listId = reference.path("list_id").asText("");
            List<ExceptionItem> listed = itemsByList.get(listId);
            if (listed != null) {
                items.addAll(listed);
            } else {
                skipped.add(where + ": rule \"" + rule.path("name").asText("?") + "\": exception list \"" + listId
                        + "\" has no items in this file; the rule runs without them");
            }
        }
        return items;
    }

    /** Kibana ends an export with a line of counts: {@code {"exported_count":..}} or {@code {"exported_rules_count":..}}. */
    private static boolean isExportSummary(JsonNode entry) {
        return entry.has("exported_count") || entry.has("exported_rules_count");
    }

    private static void add(JsonNode rule, String where, List<ExceptionItem> listed, List<Rule> rules,
            List<String> skipped) {
        String language = RuleFields.language(rule);
        if (language.equals("eql")) {
            rules.add(RuleFields.read(rule, where, listed));
        } else {
            skipped.add(where + ": rule \"" + rule.path("name").asText("?") + "\" skipped: " + notEql(rule, language));
        }
    }

    /** Jackson's message and where it stopped; NDJSON entries are one line, so only their column counts. */
    private static String describe(JsonProcessingException e, boolean withLine) {
        if (e.getLocation() == null) {
            return e.getOriginalMessage();
        }
        String line = withLine ? "line " + e.getLocation().getLineNr() + ", " : "";
        return e.getOriginalMessage() + " (" + line + "column " + e.getLocation().getColumnNr() + ")";
    }
}
