package io.ncwatch.eql.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The field types of an index mapping, by dotted path: what decides how Elasticsearch compares a field's
 * values. Read from the body of {@code GET index/_mapping}, of an index or component template, or a bare
 * {@code mappings} object: {@code properties} of objects and nested objects, multi-fields
 * ({@code fields}), {@code ignore_above}, {@code null_value}.
 */
public final class FieldTypes implements Serializable {
    /** The resource with the ECS types of the fields Elastic's container rules and ncwatch read. */
    private static final String ECS_RESOURCE = "/io/ncwatch/eql/ecs-field-types.json";
    /** The date formats a date field may name: the default's parts, which ncwatch reads. */
    private static final Set<String> DATE_FORMATS = Set.of("strict_date_optional_time", "date_optional_time",
            "epoch_millis", "strict_date_optional_time_nanos");

    private final Map<String, FieldType> fields;

    private FieldTypes(Map<String, FieldType> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** The ECS types ncwatch ships: the default. */
    public static FieldTypes ecs() {
        try (InputStream in = FieldTypes.class.getResourceAsStream(ECS_RESOURCE)) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ECS_RESOURCE, e);
        }
    }

    /** A mapping file; IllegalArgumentException with the reason when it is no mapping. */
    public static FieldTypes read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(Files.readAllBytes(file)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The mapping in {@code body}; IllegalArgumentException with the reason when it holds none. */
    public static FieldTypes parse(JsonNode body) {
        Map<String, FieldType> fields = new TreeMap<>();
        JsonNode mappings = mappings(body);
        if (mappings == null || !mappings.path("properties").isObject()) {
            throw new IllegalArgumentException("no mapping properties: expected the body of GET index/_mapping,"
                    + " an index or component template, or {\"mappings\": {\"properties\": ...}}");
        }
        properties(mappings.get("properties"), "", fields);
        return new FieldTypes(fields);
    }

    /** The field at {@code path}, or null when the mapping has none. */
    public FieldType of(String path) {
        return fields.get(path);
    }

    /**
     * The {@code null_value} of each of {@code paths}, in their order (null where none): what a decoder
     * puts in place of a JSON null, as Elasticsearch indexes it.
     */
    public Object[] nullValues(List<String> paths) {
        return paths.stream().map(path -> fields.containsKey(path) ? fields.get(path).nullValue() : null).toArray();
    }

    /** Finds the {@code mappings} object in each shape the body may have. */
    private static JsonNode mappings(JsonNode body) {
        if (body.has("properties")) {
            return body;
        }
        if (body.has("mappings")) {
            return body.get("mappings");
        }
        if (body.has("template")) {
            return mappings(body.get("template"));
        }
        for (String key : new String[] {"index_templates", "component_templates"}) {
            if (body.path(key).isArray() && !body.get(key).isEmpty()) {
                JsonNode first = body.get(key).get(0);
                return mappings(first.has("index_template") ? first.get("index_template") : first.get("component_template"));
            }
        }
        Iterator<JsonNode> indices = body.elements(); // GET index/_mapping: {"<index>": {"mappings": ...}}
        return indices.hasNext() ? indices.next().get("mappings") : null;
    }

    private static void properties(JsonNode properties, String prefix, Map<String, FieldType> fields) {
        properties.fields().forEachRemaining(entry -> {
            String path = prefix + entry.getKey();
            JsonNode field = entry.getValue();
            if (field.has("properties")) {
                properties(field.get("properties"), path + ".", fields);
            }
            if (field.has("type")) {
                fields.put(path, field(path, field, field.path("fields")));
            }
            field.path("fields").fields().forEachRemaining(multi ->
                    fields.put(path + "." + multi.getKey(), field(path + "." + multi.getKey(), multi.getValue(), null)));
        });
    }

    /**
     * A text field with a keyword multi-field compares through it, as Elasticsearch's EQL does;
     * {@code multiFields} is null for a multi-field itself.
     */
    private static FieldType field(String path, JsonNode field, JsonNode multiFields) {
        FieldType type = new FieldType(field.get("type").asText(), ignoreAbove(field), nullValue(field));
        if (!type.isExact() && multiFields != null) {
            for (Iterator<JsonNode> it = multiFields.elements(); it.hasNext(); ) {
                JsonNode multi = it.next();
                if (multi.path("type").asText().equals("keyword")) {
                    return new FieldType("keyword", ignoreAbove(multi), nullValue(multi));
                }
            }
        }
        if (type.type().startsWith("date") && field.has("format")) {
            for (String format : field.get("format").asText().split("\\|\\|")) {
                if (!DATE_FORMATS.contains(format)) {
                    throw new IllegalArgumentException("date field " + path + " has the format " + field.get("format").asText()
                            + "; ncwatch reads dates in strict_date_optional_time||epoch_millis only");
                }
            }
        }
        return type;
    }

    private static Object nullValue(JsonNode field) {
        JsonNode value = field.path("null_value");
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.isTextual() ? value.asText() : null;
    }

    private static int ignoreAbove(JsonNode field) {
        return field.has("ignore_above") ? field.get("ignore_above").asInt() : Integer.MAX_VALUE;
    }
}
