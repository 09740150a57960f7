package io.ncwatch.decode;

import io.ncwatch.eql.analysis.FieldSlots;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The prefix tree of the fields to decode. A document may spell a path nested, dotted or mixed at any
 * level ({@code {"container":{"image.name":..}}}), so each node maps every dotted run of the segments
 * below it to the node it leads to: one map lookup per JSON key, whatever the spelling.
 */
final class FieldTree {

    /** A path prefix; {@code slot} is -1 unless a query reads exactly this path. */
    static final class Node {
        final String path;
        final Map<String, Node> children = new HashMap<>();
        int slot = -1;
        boolean timestamp;

        Node(String path) {
            this.path = path;
        }

        /** Keys of {@link #children} as UTF-8 bytes in an open-addressing table, and their nodes. */
        private byte[][] keyBytes;
        private Node[] keyNodes;

        Node child(String key) {
            return children.get(key);
        }

        /** The child under the key whose UTF-8 bytes are {@code bytes[from, to)}, without building a string. */
        Node child(byte[] bytes, int from, int to) {
            int mask = keyBytes.length - 1;
            for (int i = hash(bytes, from, to) & mask; keyBytes[i] != null; i = (i + 1) & mask) {
                if (Arrays.equals(keyBytes[i], 0, keyBytes[i].length, bytes, from, to)) {
                    return keyNodes[i];
                }
            }
            return null;
        }

        private void indexKeys() {
            int size = Integer.highestOneBit(Math.max(children.size(), 1) * 4);
            keyBytes = new byte[size][];
            keyNodes = new Node[size];
            for (Map.Entry<String, Node> child : children.entrySet()) {
                byte[] key = child.getKey().getBytes(StandardCharsets.UTF_8);
                int i = hash(key, 0, key.length) & (size - 1);
                while (keyBytes[i] != null) {
                    i = (i + 1) & (size - 1);
                }
                keyBytes[i] = key;
                keyNodes[i] = child.getValue();
            }
        }

        private static int hash(byte[] bytes, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            return h ^ (h >>> 16);
        }

        boolean hasChildren() {
            return !children.isEmpty();
        }
    }

    static final String TIMESTAMP = "@timestamp";

    final Node root = new Node("");

    /** A tree of the slotted paths of {@code slots}, and {@code @timestamp}, which every event needs. */
    FieldTree(FieldSlots slots) {
        Map<String, Node> byPath = new HashMap<>();
        byPath.put("", root);
        List<String> paths = slots.paths();
        for (int slot = 0; slot < paths.size(); slot++) {
            add(byPath, paths.get(slot)).slot = slot;
        }
        add(byPath, TIMESTAMP).timestamp = true;
        byPath.values().forEach(Node::indexKeys);
    }

    private static Node add(Map<String, Node> byPath, String path) {
        String[] segments = path.split("\\.", -1);
        String[] prefixes = new String[segments.length + 1];
        prefixes[0] = "";
        for (int j = 1; j <= segments.length; j++) {
            prefixes[j] = j == 1 ? segments[0] : prefixes[j - 1] + "." + segments[j - 1];
            byPath.computeIfAbsent(prefixes[j], Node::new);
        }
        for (int i = 0; i < segments.length; i++) {
            Node from = byPath.get(prefixes[i]);
            for (int j = i + 1; j <= segments.length; j++) {
                String key = String.join(".", List.of(segments).subList(i, j));
                from.children.put(key, byPath.get(prefixes[j]));
            }
        }
        return byPath.get(path);
    }
}
